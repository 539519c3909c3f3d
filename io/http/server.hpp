#pragma once

// The HTTP server: an acceptor and one session per connection, each on its
// own strand of the io_runtime's context. Requests go to a router; the
// server knows nothing of actors. Beast stays in the .cpp files.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "config/config.hpp"
#include "io/http/router.hpp"

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard::http {

struct server_context;

/// Serves HTTP/1.1 with keep-alive on `http_settings.bind:port` (port 0: an
/// ephemeral port, see port()). Promises, per connection:
/// - a body over `max_body_bytes` is answered 413 JSON and the connection
///   closed; malformed input 400 JSON and closed; a request head over 16 KiB
///   431 JSON and closed;
/// - a request that does not arrive within `read_timeout_ms` closes the
///   connection, with a 408 JSON answer when part of it had arrived (an idle
///   keep-alive connection is closed silently);
/// - a handler that does not answer within `handler_timeout_ms` is answered
///   503 JSON `{"error":{"code":"timeout",...}}`; its late answer is dropped;
/// - each answer is counted in switchboard_http_requests_total{route, method,
///   status} and switchboard_http_request_duration_seconds{route} in the
///   given registry, logged at debug (5xx at error) without query, headers
///   or body;
/// - no exception escapes into Asio.
/// The io_context and the registry must outlive the server; the context's
/// threads may be stopped before or after it is destroyed.
class server {
 public:
  server(boost::asio::io_context& context, const http_settings& settings,
         router routes, prometheus::Registry& registry);

  /// Calls stop().
  ~server();

  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds and starts accepting. `settings.bind` is an IP address. Throws
  /// std::system_error when the address cannot be bound.
  void start();

  /// The bound port (the ephemeral one for port 0); 0 before start().
  uint16_t port() const noexcept;

  /// Graceful shutdown, first step: closes the listening socket (new
  /// connections are refused once this returns), closes idle connections,
  /// and lets requests being read or handled finish with `Connection: close`.
  void stop_accepting();

  /// Closes the listener and every connection now; unanswered requests get
  /// no answer. Idempotent.
  void stop();

  /// Open connections.
  std::size_t connections() const;

  /// Requests read and not yet answered (for a shutdown that waits for them).
  std::size_t in_flight() const;

 private:
  class listener;

  std::shared_ptr<server_context> ctx_;
  std::shared_ptr<listener> listener_;
  std::string bind_;
  uint16_t port_;
};

} // namespace switchboard::http
