#include "io/sim/stream_ids.hpp"

#include <algorithm>

namespace switchboard::sim {

namespace {

constexpr uint64_t stride = 1'000'000'000ULL;
constexpr std::string_view base36_digits
    = "0123456789abcdefghijklmnopqrstuvwxyz";
constexpr std::string_view base32_digits = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
constexpr std::size_t base32_token_length = 16;

uint64_t offset_of(uint64_t base, uint64_t account_hash) {
  return base + account_hash % stride;
}

std::string encode(uint64_t value, std::string_view digits) {
  std::string out;
  do {
    out.insert(out.begin(), digits[value % digits.size()]);
    value /= digits.size();
  } while (value > 0);
  return out;
}

std::optional<uint64_t> decode(std::string_view text, std::string_view digits) {
  if (text.empty() || text.size() > 13) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    auto pos = digits.find(c);
    if (pos == std::string_view::npos) return std::nullopt;
    value = value * digits.size() + pos;
  }
  return value;
}

} // namespace

uint64_t stream_id(uint64_t base, uint64_t account_hash, uint64_t k) {
  return offset_of(base, account_hash) + k * stride;
}

uint64_t first_k_after(uint64_t base, uint64_t account_hash, uint64_t id) {
  auto origin = offset_of(base, account_hash);
  if (id < origin) return 0;
  return (id - origin) / stride + 1;
}

uint64_t first_k_from(uint64_t base, uint64_t account_hash, uint64_t id) {
  auto origin = offset_of(base, account_hash);
  if (id <= origin) return 0;
  return (id - origin + stride - 1) / stride;
}

std::optional<uint64_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + uint64_t(c - '0');
  }
  return value;
}

std::string to_base36(uint64_t value) {
  return encode(value, base36_digits);
}

std::optional<uint64_t> from_base36(std::string_view text) {
  return decode(text, base36_digits);
}

std::string to_base32_token(uint64_t value) {
  auto out = encode(value, base32_digits);
  if (out.size() < base32_token_length)
    out.insert(0, base32_token_length - out.size(), '0');
  return out;
}

std::optional<uint64_t> from_base32_token(std::string_view text) {
  if (text.size() < base32_token_length) return std::nullopt;
  auto first = text.find_first_not_of('0');
  if (first == std::string_view::npos) return 0;
  return decode(text.substr(first), base32_digits);
}

page_slice newest_first_page(uint64_t lo, uint64_t hi, uint32_t max_results) {
  page_slice out;
  if (hi <= lo) {
    out.begin = out.end = lo;
    return out;
  }
  out.end = hi;
  out.begin = hi - std::min<uint64_t>(hi - lo, max_results);
  if (out.begin > lo) out.next_end = out.begin;
  return out;
}

} // namespace switchboard::sim
