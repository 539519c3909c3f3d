#include "actors/queues/prefetch_policy.hpp"

namespace switchboard {

namespace {

constexpr double weight = 1.0 / 8;

} // namespace

void attempt_time_mean::add(std::chrono::nanoseconds took) {
  auto ns = static_cast<double>(took.count());
  mean_ns_ = known_ ? mean_ns_ + weight * (ns - mean_ns_) : ns;
  known_ = true;
}

std::optional<std::chrono::nanoseconds> attempt_time_mean::value() const {
  if (!known_) return std::nullopt;
  return std::chrono::nanoseconds{static_cast<int64_t>(mean_ns_)};
}

uint32_t prefetch_allowance(uint32_t concurrency,
                            std::chrono::milliseconds below,
                            std::optional<std::chrono::nanoseconds> mean) {
  if (below.count() <= 0 || !mean || *mean >= below) return 0;
  return 2 * concurrency;
}

} // namespace switchboard
