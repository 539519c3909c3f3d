#include "runtime/supervision/retry.hpp"

namespace switchboard {

std::optional<std::chrono::milliseconds>
next_retry(const retry_policy& policy, uint32_t retries_made, double random01) {
  if (retries_made >= policy.max_retries) return std::nullopt;
  return delay(policy.backoff, retries_made, random01);
}

std::optional<std::chrono::milliseconds> next_retry(const retry_policy& policy,
                                                    uint32_t retries_made) {
  if (retries_made >= policy.max_retries) return std::nullopt;
  return delay(policy.backoff, retries_made);
}

} // namespace switchboard
