#pragma once

// What the runtime reports to the monitoring routes. Plain values, so the
// runtime can fill them from actor replies on any thread.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace switchboard::http {

/// The answer of the health probe behind GET /health.
struct health_report {
  std::string node_id;
  std::string version;
  /// When the node started; /health derives uptime_ms from it.
  std::chrono::system_clock::time_point started_at;
  bool database_reachable = false;
  /// Round trip of the probe query; nullopt when the database did not answer.
  std::optional<std::chrono::steady_clock::duration> database_latency;
};

/// One queue's counts behind GET /metrics/queues.
struct queue_figures {
  std::string name;
  uint64_t waiting = 0;
  uint64_t active = 0;
  uint64_t completed = 0;
  uint64_t failed = 0;
  uint64_t delayed = 0;
  uint64_t dead = 0;
  bool paused = false;
};

} // namespace switchboard::http
