#pragma once

// The defaults a job gets from its queue and kind when its producer did not
// say (the seed's queue configuration): timeout and priority per kind, the
// queue's attempts and retry backoff. Pure; enqueue routes, cron and the
// worker pools use the same table.
//
// Kind defaults (the seed's `type`):
//   media:        video 5 min, other kinds the queue's timeout (1 min);
//                 image priority 2, other kinds 1
//   notification: push priority 3, email and sms 1; timeout 30 s
//   cleanup:      timeout 2 min
// Retries: max_attempts 4 (the first try and 3 retries), exponential backoff
// from 5 s: 5 s, 10 s, 20 s, then dead.

#include <cstdint>
#include <string>

#include "config/config.hpp"
#include "messages/queues.hpp"

namespace switchboard {

/// What a job of one kind gets unless its producer says otherwise.
struct job_defaults {
  int32_t priority = 0;
  int64_t timeout_ms = 0;
  int32_t max_attempts = 1;
  job_backoff backoff;
};

/// The defaults of jobs of `kind` in `queue`, configured by `settings` (the
/// queue's section).
job_defaults defaults_for(const std::string& queue, const std::string& kind,
                          const queue_settings& settings);

/// The timeout of a job of `kind` in `queue` (ms; never 0).
int64_t default_timeout_ms(const std::string& queue, const std::string& kind,
                           const queue_settings& settings);

/// The priority of a job of `kind` in `queue` (the seed's table; 0 for
/// kinds it does not name).
int32_t default_priority(const std::string& queue, const std::string& kind);

/// Fills what a producer left at new_job's defaults: max_attempts 1,
/// priority 0, timeout_ms 0 and a fixed backoff of 0 ms are "not given" and
/// replaced by defaults_for(x.queue, x.kind, settings). A producer that
/// wants exactly those values (one attempt, priority 0) sets them after this
/// call.
void apply_queue_defaults(new_job& x, const queue_settings& settings);

/// The backoff a queue's section configures.
job_backoff backoff_of(const queue_settings& settings);

} // namespace switchboard
