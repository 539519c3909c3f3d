#include "io/sim/account_stream.hpp"

#include <algorithm>
#include <cmath>

#include "io/sim/stable_hash.hpp"

namespace switchboard::sim {

namespace {

/// A uniform value in [0, 1) from 53 bits of `h`.
double unit(uint64_t h) {
  return static_cast<double>(h >> 11) / 9007199254740992.0;
}

} // namespace

account_stream::account_stream(uint64_t seed, std::string_view salt,
                               std::string_view account, double mean_per_minute,
                               uint32_t backlog)
    : hash_(stable_hash(stable_hash(seed, salt), account)), interval_ms_(0),
      phase_ms_(0), backlog_(backlog) {
  if (mean_per_minute <= 0.0) return;
  auto rate = mean_per_minute * (0.5 + unit(hash_));
  interval_ms_ = std::max<int64_t>(1, std::llround(60'000.0 / rate));
  phase_ms_ = static_cast<int64_t>(mix64(hash_) % uint64_t(interval_ms_));
}

uint64_t account_stream::available(int64_t elapsed_ms) const noexcept {
  if (interval_ms_ == 0 || elapsed_ms < phase_ms_) return backlog_;
  return backlog_ + uint64_t((elapsed_ms - phase_ms_) / interval_ms_) + 1;
}

int64_t account_stream::arrival_ms(uint64_t k) const noexcept {
  auto step = interval_ms_ == 0 ? 60'000 : interval_ms_;
  return phase_ms_ + (static_cast<int64_t>(k) - backlog_) * step;
}

uint64_t account_stream::message_hash(uint64_t k) const noexcept {
  return mix64(hash_ ^ mix64(k));
}

} // namespace switchboard::sim
