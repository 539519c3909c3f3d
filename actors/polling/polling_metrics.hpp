#pragma once

// The seed's "Metrics to Monitor", on /metrics:
//   switchboard_polling_pollers{phase}                   gauge
//   switchboard_polls_total{platform,outcome}            counter
//   switchboard_poll_duration_seconds{platform}          histogram
//   switchboard_polled_messages_total{platform}          counter
//   switchboard_polling_rate_limit_hits_total{platform}  counter
// (failed polls: switchboard_polls_total{outcome="failed"}.)

#include <memory>

#include "actors/polling/polling_stats_table.hpp"
#include "messages/polling_ops.hpp"

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard::polling {

class polling_metrics {
 public:
  /// `registry` may be null (no metrics); it must outlive this object.
  explicit polling_metrics(prometheus::Registry* registry);
  ~polling_metrics();

  void record(const poller_event& ev, const polling_stats_table& table);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace switchboard::polling
