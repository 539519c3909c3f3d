#pragma once

#include <cstdint>
#include <string>

#include <caf/error.hpp>
#include <caf/make_message.hpp>
#include <caf/message.hpp>

namespace switchboard {

/// Error codes of switchboard, carried in `caf::error` with category "sb".
enum class errc : uint8_t {
  none = 0,
  /// The database cannot be reached and the pool is reconnecting.
  db_unavailable,
  /// The database request queue is full.
  db_overloaded,
  /// A database request waited past its deadline.
  db_timeout,
  /// A statement failed (constraint, syntax, ...); details are logged only.
  db_query_failed,
  /// The schema in the database is newer than this binary knows.
  schema_too_new,
  /// A supervised child exceeded the restart intensity of its supervisor.
  restart_intensity,
  /// A child failed to start.
  child_start_failed,
  /// No such entity (account, job, actor, ...).
  not_found,
  /// The request is malformed or fails validation.
  invalid_argument,
  /// The node is shutting down and accepts no new work.
  shutting_down,
  /// An unexpected internal failure.
  internal,
  // Outbound HTTP (io/http/client/); contexts name only scheme://host:port.
  /// DNS, TCP connect and TLS handshake did not finish in time.
  net_connect_timeout,
  /// The server went silent longer than the read timeout.
  net_read_timeout,
  /// The request as a whole (queue wait included) took too long.
  net_total_timeout,
  /// Nothing listens at the address.
  net_connection_refused,
  /// The connection was reset or closed before the response was complete.
  net_connection_reset,
  /// The host name does not resolve.
  net_dns_failure,
  /// The TLS handshake failed for another reason than the certificate.
  net_tls_failure,
  /// The server's certificate failed verification (chain or host name).
  net_tls_verify_failed,
  /// The response exceeded the request's max_response_bytes.
  net_response_too_large,
  /// The bytes received are not an HTTP response.
  net_malformed_response,
  /// The host's connections are all busy and its wait queue is full.
  net_queue_full,
  /// Any other network failure (unreachable network, ...).
  net_failure,
};

/// Stable snake_case name of a code, used in logs and JSON errors.
const char* to_string(errc x);

/// "code" or "code: context", e.g. `not_found: "account acc-42"`; the one
/// rendering of our errors (also CAF's renderer for category "sb").
std::string render(errc code, const caf::message& context);

/// Renders a `caf::error` of category "sb" (or any other) for logs.
std::string render(const caf::error& err);

} // namespace switchboard

CAF_ERROR_CODE_ENUM(switchboard::errc, "sb")
