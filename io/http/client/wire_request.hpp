#pragma once

// Building the bytes of a request (internal to the client): method, target,
// Host and the caller's headers, with the checks that keep a caller's value
// from breaking the framing.

#include <caf/error.hpp>

#include "io/http/client/client_url.hpp"
#include "io/http/client/exchange.hpp"

namespace switchboard::http::client {

/// invalid_argument for an unknown method, or a header name or value that
/// is empty (name) or holds CR, LF or NUL; none otherwise. The error names
/// the offending header, never its value.
caf::error check_request(const http_request& request);

/// The wire request for a checked `request` going to `url`. Host,
/// Content-Length, Transfer-Encoding and Connection are the client's.
wire_request build_wire_request(const http_request& request,
                                const client_url& url);

} // namespace switchboard::http::client
