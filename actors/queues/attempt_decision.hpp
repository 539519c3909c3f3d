#pragma once

// What a worker pool records for one finished attempt of a job: the pure
// retry decision. The arithmetic of delays is runtime/supervision/backoff's.
//
//   completed                      -> complete (result stored)
//   retry, attempts left           -> retry after delay_ms of the outcome
//                                     (e.g. Retry-After) or else the job's
//                                     backoff for this attempt
//   retry, no attempts left; fail  -> dead
//   snooze                         -> due again after delay_ms, attempt
//                                     given back

#include <chrono>
#include <cstdint>
#include <string>

#include "messages/queues.hpp"

namespace switchboard {

struct attempt_decision {
  enum class action : uint8_t { complete, retry, dead, snooze };
  action what = action::complete;
  /// JSON text of a completed job (empty: none).
  std::string result;
  /// last_error of a retried or dead job; why of a snooze.
  std::string error;
  /// retry: until the next attempt; snooze: until the job is due again.
  std::chrono::milliseconds delay{0};
};

/// Stable name of an action ("completed", "retry", "dead", "snooze"), the
/// outcome label of the pools' metrics.
const char* to_string(attempt_decision::action x);

/// The wait before the attempt after attempt number `attempt` (1 = the
/// first try failed): fixed delay_ms, or exponential delay_ms * 2^(attempt-1)
/// capped at a day; with jitter, equal jitter (half kept, half drawn from
/// `random01`).
std::chrono::milliseconds retry_delay(const job_backoff& backoff,
                                      int32_t attempt, double random01);

/// The decision for `outcome` of job `x`'s latest attempt (x.attempts
/// counts it).
attempt_decision decide(const job& x, const job_outcome& outcome,
                        double random01);

/// The outcome of an attempt abandoned at its timeout: a failed attempt.
job_outcome timeout_outcome(int64_t timeout_ms);

/// The outcome of a job no handler of the pool runs: failed for good.
job_outcome unknown_kind_outcome(const std::string& kind);

} // namespace switchboard
