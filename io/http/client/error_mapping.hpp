#pragma once

// Classification of the errors Asio, Beast and OpenSSL report while a
// request is under way into the client's typed network errors. Pure: the
// connection says in which phase the error came and which deadline was
// armed, this says what it means for the caller.

#include <boost/system/error_code.hpp>

#include "messages/error.hpp"

namespace switchboard::http::client {

/// Where in a request's life an error came.
enum class client_phase { resolve, connect, handshake, write, read };

/// The network error for `ec`, seen in `phase`. `total_deadline_armed`
/// says the deadline that was running was the request's total one (it was
/// sooner than the phase's own), which turns a timeout into
/// net_total_timeout. Any other failure of a handshake is net_tls_failure
/// (the caller tells a certificate failure apart first).
errc classify_network_error(const boost::system::error_code& ec,
                            client_phase phase, bool total_deadline_armed);

/// Whether a request that failed with `code` on a reused keep-alive
/// connection may go once more over a fresh one: the server had closed the
/// idle connection (reset), no byte of a response came, and either nothing
/// of the request left or the method is idempotent.
bool may_retry_on_fresh_connection(errc code, bool request_sent,
                                   bool response_started, bool idempotent);

/// GET, HEAD, PUT, DELETE, OPTIONS and TRACE (RFC 9110 9.2.2).
bool is_idempotent_method(const std::string& method);

} // namespace switchboard::http::client
