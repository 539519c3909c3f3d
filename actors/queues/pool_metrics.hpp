#pragma once

// A worker pool's Prometheus figures:
//   switchboard_jobs_finished_total{queue, outcome}  attempts by what the
//       database recorded: completed, retry, dead, snooze, lost (the pool
//       no longer owned the job)                          (counter)
//   switchboard_job_attempt_seconds{queue}  handler time of an attempt
//                                                         (histogram)
//   switchboard_queue_active_jobs{queue}    jobs the pool runs now (gauge)
// Families are shared by every pool of a registry; a restarted pool keeps
// counting on the same series. Without a registry every call is a no-op.

#include <string>

namespace prometheus {
class Counter;
class Gauge;
class Histogram;
class Registry;
} // namespace prometheus

namespace switchboard {

class queue_pool_metrics {
 public:
  queue_pool_metrics() = default;

  queue_pool_metrics(prometheus::Registry* registry, const std::string& queue);

  /// Counts `n` attempts recorded with `outcome`.
  void finished(const char* outcome, double n = 1);

  void attempt_took(double seconds);

  void active(double n);

 private:
  prometheus::Registry* registry_ = nullptr;
  std::string queue_;
  prometheus::Histogram* duration_ = nullptr;
  prometheus::Gauge* active_ = nullptr;
};

} // namespace switchboard
