#include "persistence/pool_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

namespace switchboard::persistence {

namespace {

prometheus::Family<prometheus::Gauge>& connections(prometheus::Registry& r) {
  return prometheus::BuildGauge()
      .Name("switchboard_db_pool_connections")
      .Help("Database pool connections by state")
      .Register(r);
}

prometheus::Family<prometheus::Counter>& requests(prometheus::Registry& r) {
  return prometheus::BuildCounter()
      .Name("switchboard_db_requests_total")
      .Help("Database requests answered, by result")
      .Register(r);
}

} // namespace

pool_metrics::pool_metrics(prometheus::Registry& registry)
    : in_use_(connections(registry).Add({{"state", "in_use"}})),
      idle_(connections(registry).Add({{"state", "idle"}})),
      down_(connections(registry).Add({{"state", "down"}})),
      waiting_(prometheus::BuildGauge()
                   .Name("switchboard_db_pool_waiting")
                   .Help("Database requests waiting for a connection")
                   .Register(registry)
                   .Add({})),
      reconnects_(prometheus::BuildCounter()
                      .Name("switchboard_db_reconnects_total")
                      .Help("Database connections re-established after a loss")
                      .Register(registry)
                      .Add({})),
      requests_ok_(requests(registry).Add({{"result", "ok"}})),
      requests_error_(requests(registry).Add({{"result", "error"}})) {
  // nop
}

void pool_metrics::update(const db_pool_stats& stats) {
  in_use_.Set(stats.in_use);
  idle_.Set(stats.connected - stats.in_use);
  down_.Set(stats.size - stats.connected);
  waiting_.Set(stats.waiting);
}

void pool_metrics::count_request(bool ok) {
  (ok ? requests_ok_ : requests_error_).Increment();
}

void pool_metrics::count_reconnect() {
  reconnects_.Increment();
}

} // namespace switchboard::persistence
