#pragma once

// The standard process_* series of Prometheus client libraries, so that
// dashboards built for other exporters work unchanged.

#include <prometheus/collectable.h>
#include <vector>

namespace switchboard::io {

/// Exports, read from /proc at each scrape: process_cpu_seconds_total,
/// process_resident_memory_bytes, process_virtual_memory_bytes,
/// process_open_fds, process_start_time_seconds, process_threads.
/// Exports nothing when /proc is unreadable. Thread-safe (holds no state).
class process_collector : public prometheus::Collectable {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override;
};

} // namespace switchboard::io
