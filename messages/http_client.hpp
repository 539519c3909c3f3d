#pragma once

// Messages of the outbound HTTP client (io/http/client/): what a gateway
// asks for and what comes back. An actor asks the client actor
//
//   self->request(client, 35s, http_request{...}).then(
//     [=](const http_response& res) { ... },
//     [=](const caf::error& err) { ... });   // errc::net_* or invalid_argument
//
// and gets either a response (any status: 4xx and 5xx are responses, not
// errors) or one typed network error (messages/error.hpp, errc::net_*). The
// client never puts a header value, a query or a body into an error or a
// log; error contexts name only "scheme://host:port".

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <caf/atom.hpp>
#include <caf/error.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/timespan.hpp>
#include <caf/type_id.hpp>
#include <caf/typed_actor.hpp>

#include "messages/error.hpp"

namespace switchboard {

/// Whether `err` is one of the client's network errors (errc::net_*): the
/// request may not have reached the server, or its answer was lost.
inline bool is_network_error(const caf::error& err) {
  if (err.category() != caf::atom("sb")) return false;
  auto code = err.code();
  return code >= static_cast<uint8_t>(errc::net_connect_timeout)
         && code <= static_cast<uint8_t>(errc::net_failure);
}

/// One header or query parameter.
struct http_field {
  std::string name;
  std::string value;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, http_field& x) {
  return f(caf::meta::type_name("http_field"), x.name, x.value);
}

/// One outbound request. Zero in a limit means "the client's default"
/// (config [http_client]).
struct http_request {
  /// GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.
  std::string method = "GET";
  /// Absolute http:// or https:// URL; may carry a query of its own.
  std::string url;
  /// Appended to the URL's query, percent-encoded by the client.
  std::vector<http_field> query;
  /// Sent as given (Host, Content-Length and Connection are the client's).
  std::vector<http_field> headers;
  std::string body;
  /// DNS + TCP connect + TLS handshake of a new connection.
  uint32_t connect_timeout_ms = 0;
  /// Longest silence while waiting for (more of) the response.
  uint32_t read_timeout_ms = 0;
  /// Whole request, from submission (queue wait included) to last byte.
  uint32_t total_timeout_ms = 0;
  /// Largest response body accepted; larger fails net_response_too_large.
  uint64_t max_response_bytes = 0;
  /// https only: check the certificate chain (system CAs, plus the
  /// configured ca_file) and the host name. Off for self-signed devices.
  bool verify_tls = true;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, http_request& x) {
  return f(caf::meta::type_name("http_request"), x.method, x.url, x.query,
           x.headers, x.body, x.connect_timeout_ms, x.read_timeout_ms,
           x.total_timeout_ms, x.max_response_bytes, x.verify_tls);
}

/// A complete response, whatever its status.
struct http_response {
  int32_t status = 0;
  /// Every response header, names lower-cased, in arrival order.
  std::vector<http_field> headers;
  std::string body;
  /// From submission to the last byte (queue wait included).
  caf::timespan elapsed{0};
  /// Whether a pooled keep-alive connection carried it.
  bool reused_connection = false;

  /// The first value of a header (name in lower case), or "".
  std::string_view header(std::string_view lower_name) const {
    for (auto& field : headers)
      if (field.name == lower_name) return field.value;
    return {};
  }
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, http_response& x) {
  return f(caf::meta::type_name("http_response"), x.status, x.headers, x.body,
           x.elapsed, x.reused_connection);
}

/// Counters of the client, for tests and inspection.
struct http_client_stats {
  /// Requests answered (response or error) so far.
  uint64_t completed = 0;
  /// Requests currently in flight or queued.
  uint64_t pending = 0;
  /// Connections opened so far (all hosts).
  uint64_t connections_opened = 0;
  /// Requests carried by a reused keep-alive connection.
  uint64_t reused = 0;
  /// Requests retried once on a fresh connection after a stale one failed.
  uint64_t retried = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, http_client_stats& x) {
  return f(caf::meta::type_name("http_client_stats"), x.completed, x.pending,
           x.connections_opened, x.reused, x.retried);
}

} // namespace switchboard

CAF_BEGIN_TYPE_ID_BLOCK(sb_http, caf::first_custom_type_id + 700)

CAF_ADD_TYPE_ID(sb_http, (switchboard::http_field))
CAF_ADD_TYPE_ID(sb_http, (std::vector<switchboard::http_field>))
CAF_ADD_TYPE_ID(sb_http, (switchboard::http_request))
CAF_ADD_TYPE_ID(sb_http, (switchboard::http_response))
CAF_ADD_TYPE_ID(sb_http, (switchboard::http_client_stats))

// Internal: the Asio side reports a finished request to the client actor.
CAF_ADD_ATOM(sb_http, switchboard, http_done_atom, "http_done")
// (http_stats_atom) -> http_client_stats.
CAF_ADD_ATOM(sb_http, switchboard, http_stats_atom, "http_stats")

CAF_END_TYPE_ID_BLOCK(sb_http)

namespace switchboard {

/// The HTTP client actor (io/http/client/http_client_actor.hpp spawns it).
/// Every request is answered exactly once: the response, or a caf::error
/// with an errc::net_* code (or invalid_argument for a bad URL or method).
/// Callers still give their own request a finite timeout, a little longer
/// than the request's total_timeout_ms.
using http_client_actor = caf::typed_actor<
    caf::replies_to<http_request>::with<http_response>,
    caf::replies_to<http_stats_atom>::with<http_client_stats>,
    // Internal (from the client's Asio side): request id and its outcome.
    caf::reacts_to<http_done_atom, uint64_t, http_response>,
    caf::reacts_to<http_done_atom, uint64_t, caf::error>>;

} // namespace switchboard
