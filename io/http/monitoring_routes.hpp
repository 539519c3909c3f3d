#pragma once

// The monitoring table of API.md: /health, /metrics, /metrics/system,
// /metrics/queues, /shutdown. The routes know nothing of actors: the runtime
// hands in plain callbacks that ask its actors and call back with the answer.
// Response bodies are listed in monitoring_json.hpp.

#include <functional>
#include <optional>
#include <vector>

#include "io/http/metrics_text.hpp"
#include "io/http/monitoring_report.hpp"
#include "io/http/router.hpp"

namespace switchboard::http {

/// What the monitoring routes need from the runtime.
struct monitoring_deps {
  /// Asks for a health report and calls back once with it, from any thread.
  /// A probe that never calls back leaves the server's handler timeout to
  /// answer 503.
  using health_probe = std::function<void(std::function<void(health_report)>)>;

  /// Asks for per-queue figures and calls back once, with std::nullopt
  /// when they cannot be read (the database is down): /metrics/queues then
  /// answers 503 and /metrics leaves the queue gauges as they were.
  using queue_reply
      = std::function<void(std::optional<std::vector<queue_figures>>)>;
  using queue_source = std::function<void(queue_reply)>;

  health_probe health;
  queue_source queues;
  /// Starts a graceful shutdown; called after the 202 has been handed to
  /// the connection.
  std::function<void()> request_shutdown;
  /// Exposed by GET /metrics in this order (the server's registry among
  /// them), followed by the process_* series.
  metric_sources metrics;
  /// http.protect_monitoring: /health and /metrics need the token too.
  /// /metrics/system, /metrics/queues and /shutdown always need it.
  bool protect_monitoring = false;
};

/// Adds the five monitoring routes to `r`. Without a health probe or a
/// shutdown callback, their routes answer 503 `unavailable`; without a queue
/// source, /metrics/queues lists no queues.
void add_monitoring_routes(router& r, monitoring_deps deps);

} // namespace switchboard::http
