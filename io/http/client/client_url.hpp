#pragma once

// Where a request goes: the pure part of turning an http_request's URL and
// query parameters into a connection key and a request target.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/expected.hpp>

#include "messages/http_client.hpp"

namespace switchboard::http::client {

/// A request's destination, split for the connection pool and the wire.
struct client_url {
  bool tls = false;
  /// Host name or address as written (IPv6 without brackets).
  std::string host;
  uint16_t port = 0;
  /// Path and query, percent-encoded, never empty ("/" at least).
  std::string target;

  /// "scheme://host:port": the only part of a URL errors and logs show.
  std::string origin() const;
  /// The Host header value (port omitted when it is the scheme's default).
  std::string host_header() const;
};

/// Parses an absolute http/https URL and appends `query` (percent-encoded)
/// to its own query. Fails with errc::invalid_argument for anything else
/// (relative URL, other scheme, user info, empty host); the error never
/// repeats the URL, which may carry a token.
caf::expected<client_url> parse_client_url(const std::string& url,
                                           const std::vector<http_field>& query
                                           = {});

} // namespace switchboard::http::client
