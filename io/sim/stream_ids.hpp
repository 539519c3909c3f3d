#pragma once

// Platform-shaped message ids for the streams, and the opaque page tokens.
// An id is base + k * 10^9 + (account hash mod 10^9): numeric, increasing
// with k within an account, distinct between accounts in practice, and
// mappable back to k so that since_id/until_id select exactly. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace switchboard::sim {

/// Bases keep the id ranges of different streams apart (19 digits, below
/// 2^63 as X's ids are).
constexpr uint64_t mention_id_base = 1'400'000'000'000'000'000ULL;
constexpr uint64_t dm_id_base = 1'500'000'000'000'000'000ULL;
constexpr uint64_t comment_id_base = 7'000'000'000'000'000'000ULL;

uint64_t stream_id(uint64_t base, uint64_t account_hash, uint64_t k);

/// The smallest k whose id is greater than `id`.
uint64_t first_k_after(uint64_t base, uint64_t account_hash, uint64_t id);

/// The smallest k whose id is at least `id`.
uint64_t first_k_from(uint64_t base, uint64_t account_hash, uint64_t id);

/// Parses a decimal id of 1 to 19 digits.
std::optional<uint64_t> parse_id(std::string_view text);

/// X's mention tokens are base36, its DM tokens base32 of 16+ characters.
std::string to_base36(uint64_t value);
std::optional<uint64_t> from_base36(std::string_view text);
std::string to_base32_token(uint64_t value);
std::optional<uint64_t> from_base32_token(std::string_view text);

/// The messages [begin, end) to answer with, newest (end - 1) first, and
/// where the next page ends when older ones remain.
struct page_slice {
  uint64_t begin = 0;
  uint64_t end = 0;
  std::optional<uint64_t> next_end;
};

/// The newest page of at most `max_results` within [lo, hi).
page_slice newest_first_page(uint64_t lo, uint64_t hi, uint32_t max_results);

} // namespace switchboard::sim
