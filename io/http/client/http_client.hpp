#pragma once

// The outbound HTTP client's Asio side: keep-alive connection pools per
// (scheme, host, port, TLS verification), bounded wait queues, timeouts and
// TLS. Actors use it through the client actor (http_client_actor.hpp); this
// class is its engine, and what a test or a bench drives directly.
//
// Promises:
// - every submitted request completes exactly once, on an Asio thread, with
//   a response (any status) or an errc::net_* / invalid_argument error;
// - at most max_connections_per_host connections per pool are open;
//   requests beyond wait FIFO in a queue of max_queue_per_host, beyond that
//   they fail with net_queue_full;
// - idle connections are reused (most recent first) and closed after
//   idle_timeout_ms; one the server closed is retried once on a fresh
//   connection when that is safe (error_mapping.hpp);
// - no header value, query, body or path appears in an error or a log.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include <caf/expected.hpp>

#include "config/config.hpp"
#include "messages/http_client.hpp"

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard::http::client {

/// Called once per request, on an Asio thread; must not block.
using completion = std::function<void(caf::expected<http_response>)>;

/// Counters shared with the Asio threads.
struct client_counters {
  std::atomic<uint64_t> connections_opened{0};
  std::atomic<uint64_t> reused{0};
  std::atomic<uint64_t> retried{0};
};

class http_client {
 public:
  /// `context` must outlive the client and run until every request
  /// completed. Unreadable ca_file: logged, the system store still works.
  /// With a `registry` (which must outlive the client's requests), requests
  /// are counted and timed (client_metrics.hpp).
  http_client(boost::asio::io_context& context,
              const http_client_settings& settings,
              prometheus::Registry* registry = nullptr);
  ~http_client();

  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  /// Starts `request`; `done` gets the outcome. A bad URL or method
  /// completes at once (on the calling thread) with invalid_argument.
  /// Not thread-safe: one owner (the client actor) calls it.
  void submit(const http_request& request, completion done);

  const client_counters& counters() const noexcept;

  /// Closes every idle connection (in-flight requests finish first).
  void close_idle();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace switchboard::http::client
