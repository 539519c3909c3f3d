#pragma once

// One account's deterministic stream of incoming messages: message k arrives
// at a fixed offset from the simulator's start, at the account's own rate
// (0.5 to 1.5 times the mean, from a hash of seed, salt and account), so the
// same seed yields the same messages, ids and order in every run. Pure.

#include <cstdint>
#include <string_view>

namespace switchboard::sim {

class account_stream {
 public:
  /// `salt` separates the streams of one account ("mentions", "dm", ...).
  /// A mean of 0 means no new messages (only the backlog).
  account_stream(uint64_t seed, std::string_view salt, std::string_view account,
                 double mean_per_minute, uint32_t backlog);

  /// How many messages have arrived `elapsed_ms` after the start: those with
  /// k in [0, available).
  uint64_t available(int64_t elapsed_ms) const noexcept;

  /// When message k arrives, in ms after the start (negative: backlog).
  int64_t arrival_ms(uint64_t k) const noexcept;

  /// A per-message value for its contents (author, text).
  uint64_t message_hash(uint64_t k) const noexcept;

  /// A per-account value (for ids that differ between accounts).
  uint64_t account_hash() const noexcept {
    return hash_;
  }

  /// Milliseconds between two messages; 0 when the stream has no new ones.
  int64_t interval_ms() const noexcept {
    return interval_ms_;
  }

 private:
  uint64_t hash_;
  int64_t interval_ms_;
  int64_t phase_ms_;
  uint32_t backlog_;
};

} // namespace switchboard::sim
