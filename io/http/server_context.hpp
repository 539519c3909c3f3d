#pragma once

// What a server shares with its sessions. Sessions hold it by shared_ptr, so
// it outlives the server object while their last handlers drain. Free of
// Beast on purpose: only server.cpp and session.cpp include Beast.

#include <atomic>
#include <chrono>
#include <cstddef>

#include "io/http/connection_registry.hpp"
#include "io/http/http_metrics.hpp"
#include "io/http/router.hpp"

namespace switchboard::http {

/// Per-connection limits, from http_settings.
struct session_limits {
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::milliseconds read_timeout{10000};
  std::chrono::milliseconds handler_timeout{10000};
};

/// The state a server and its sessions share: read-only settings and routes,
/// plus the thread-safe metrics, connection list and counters.
struct server_context {
  server_context(session_limits limits, router routes,
                 prometheus::Registry& registry)
      : limits(limits), routes(std::move(routes)), metrics(registry) {
    // nop
  }

  const session_limits limits;
  const router routes;
  http_metrics metrics;
  connection_registry connections;
  /// Set by stop_accepting(): finish the current request, then close.
  std::atomic<bool> draining{false};
  /// Requests read and not yet answered.
  std::atomic<std::size_t> in_flight{0};
};

} // namespace switchboard::http
