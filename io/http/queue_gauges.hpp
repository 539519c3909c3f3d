#pragma once

// The /metrics/queues figures as Prometheus gauges on /metrics:
//   switchboard_queue_jobs{queue="...", state="waiting"|"active"|
//                          "completed"|"failed"|"delayed"|"dead"}
//   switchboard_queue_paused{queue="..."}  (1 or 0)
// Set from the latest figures before each scrape; safe to update and
// collect from different threads (prometheus-cpp's metrics are).

#include <memory>
#include <vector>

#include "io/http/monitoring_report.hpp"

namespace prometheus {
class Collectable;
class Registry;
} // namespace prometheus

namespace switchboard::http {

class queue_gauges {
 public:
  queue_gauges();

  /// Sets the gauges of every queue in `figures`; queues not listed keep
  /// their last values.
  void update(const std::vector<queue_figures>& figures);

  /// What /metrics collects.
  std::shared_ptr<const prometheus::Collectable> registry() const;

 private:
  struct impl;
  std::shared_ptr<impl> impl_;
};

} // namespace switchboard::http
