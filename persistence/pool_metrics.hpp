#pragma once

// Prometheus view of the database pool:
//   switchboard_db_pool_connections{state="in_use"|"idle"|"down"}  gauge
//   switchboard_db_pool_waiting                                     gauge
//   switchboard_db_reconnects_total                                 counter
//   switchboard_db_requests_total{result="ok"|"error"}              counter

#include "messages/database.hpp"

namespace prometheus {
class Counter;
class Gauge;
class Registry;
} // namespace prometheus

namespace switchboard::persistence {

class pool_metrics {
 public:
  explicit pool_metrics(prometheus::Registry& registry);

  /// Sets the gauges from a snapshot.
  void update(const db_pool_stats& stats);

  void count_request(bool ok);

  void count_reconnect();

 private:
  prometheus::Gauge& in_use_;
  prometheus::Gauge& idle_;
  prometheus::Gauge& down_;
  prometheus::Gauge& waiting_;
  prometheus::Counter& reconnects_;
  prometheus::Counter& requests_ok_;
  prometheus::Counter& requests_error_;
};

} // namespace switchboard::persistence
