#include "io/system/process_collector.hpp"

#include <prometheus/metric_family.h>

#include "io/system/process_stats.hpp"

namespace switchboard::io {

namespace {

prometheus::MetricFamily family(const char* name, const char* help,
                                prometheus::MetricType type, double value) {
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter)
    metric.counter.value = value;
  else
    metric.gauge.value = value;
  return {name, help, type, {metric}};
}

} // namespace

std::vector<prometheus::MetricFamily> process_collector::Collect() const {
  auto stats = read_process_stats();
  if (!stats) return {};
  using prometheus::MetricType;
  return {
      family("process_cpu_seconds_total",
             "Total user and system CPU time spent in seconds.",
             MetricType::Counter,
             stats->cpu_user_seconds + stats->cpu_system_seconds),
      family("process_resident_memory_bytes", "Resident memory size in bytes.",
             MetricType::Gauge,
             static_cast<double>(stats->resident_memory_bytes)),
      family("process_virtual_memory_bytes", "Virtual memory size in bytes.",
             MetricType::Gauge,
             static_cast<double>(stats->virtual_memory_bytes)),
      family("process_open_fds", "Number of open file descriptors.",
             MetricType::Gauge, static_cast<double>(stats->open_fds)),
      family("process_start_time_seconds",
             "Start time of the process since unix epoch in seconds.",
             MetricType::Gauge, stats->start_time_seconds),
      family("process_threads", "Number of OS threads in the process.",
             MetricType::Gauge, static_cast<double>(stats->threads)),
  };
}

} // namespace switchboard::io
