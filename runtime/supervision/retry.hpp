#pragma once

// Retry policy: how many times something is retried after it failed, and how
// long to wait before each retry. Used by supervisors' callers alike: the
// database pool, pollers and job queues all ask `next_retry`.

#include <chrono>
#include <cstdint>
#include <optional>

#include "runtime/supervision/backoff.hpp"

namespace switchboard {

/// Up to `max_retries` retries after the first try, spaced by `backoff`.
/// The first try is not a retry: max_retries = 3 with an exponential backoff
/// from 2 s waits 2 s, 4 s, 8 s and then gives up (4 tries in all), which is
/// what the seeds call "3 attempts, exponential 2 s".
struct retry_policy {
  uint32_t max_retries = 3;
  backoff_policy backoff;
};

/// The delay before the next retry, given how many retries were already made
/// (0 after the first failure), or nullopt once retries are exhausted.
std::optional<std::chrono::milliseconds>
next_retry(const retry_policy& policy, uint32_t retries_made, double random01);

/// `next_retry` with a number from `random01()`.
std::optional<std::chrono::milliseconds> next_retry(const retry_policy& policy,
                                                    uint32_t retries_made);

} // namespace switchboard
