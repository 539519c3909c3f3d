#pragma once

// TLS for the client (internal): the shared client context (system CA store
// plus an optional extra CA file) and the per-connection settings (SNI, host
// name or IP check, verification on or off), and telling a certificate
// failure from other handshake failures.

#include <boost/asio/ssl/context.hpp>
#include <string>

#include <caf/error.hpp>

namespace switchboard::http::client {

/// A TLS client context trusting the system store and `ca_file` (PEM) when
/// not empty. An unreadable ca_file is logged and skipped.
boost::asio::ssl::context make_tls_context(const std::string& ca_file);

/// Sets SNI (host names only), the host name or IP address the certificate
/// must match, and the verify mode. Errors: net_tls_failure.
caf::error prepare_tls(SSL* ssl, const std::string& host, bool verify);

/// net_tls_verify_failed with OpenSSL's reason ("self-signed certificate",
/// "hostname mismatch", ...) when the handshake failed on the certificate;
/// none otherwise.
caf::error verify_failure(SSL* ssl, const std::string& origin);

} // namespace switchboard::http::client
