#include "io/http/client/error_mapping.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <string>

namespace switchboard::http::client {

namespace {

namespace asio_error = boost::asio::error;
namespace http_error = boost::beast::http;

bool is_connecting(client_phase phase) {
  return phase == client_phase::resolve || phase == client_phase::connect
         || phase == client_phase::handshake;
}

errc timeout_for(client_phase phase, bool total_deadline_armed) {
  if (total_deadline_armed) return errc::net_total_timeout;
  return is_connecting(phase) ? errc::net_connect_timeout
                              : errc::net_read_timeout;
}

bool is_dns_error(const boost::system::error_code& ec) {
  return ec == asio_error::host_not_found
         || ec == asio_error::host_not_found_try_again
         || ec == asio_error::no_data || ec == asio_error::no_recovery
         || ec.category() == asio_error::get_addrinfo_category();
}

bool is_reset(const boost::system::error_code& ec) {
  return ec == asio_error::connection_reset || ec == asio_error::eof
         || ec == asio_error::broken_pipe
         || ec == asio_error::connection_aborted
         || ec == http_error::error::end_of_stream
         || ec == http_error::error::partial_message
         || ec == boost::asio::ssl::error::stream_truncated;
}

bool is_too_large(const boost::system::error_code& ec) {
  return ec == http_error::error::body_limit
         || ec == http_error::error::header_limit
         || ec == http_error::error::buffer_overflow;
}

} // namespace

errc classify_network_error(const boost::system::error_code& ec,
                            client_phase phase, bool total_deadline_armed) {
  if (ec == boost::beast::error::timeout)
    return timeout_for(phase, total_deadline_armed);
  if (phase == client_phase::resolve)
    return is_dns_error(ec) ? errc::net_dns_failure : errc::net_failure;
  // Whatever ends a handshake early (even a close) means no TLS session.
  if (phase == client_phase::handshake) return errc::net_tls_failure;
  if (ec == asio_error::connection_refused) return errc::net_connection_refused;
  if (is_reset(ec)) return errc::net_connection_reset;
  if (is_too_large(ec)) return errc::net_response_too_large;
  if (ec.category()
      == http_error::make_error_code(http_error::error::bad_version).category())
    return errc::net_malformed_response;
  if (ec.category() == boost::asio::error::get_ssl_category())
    return errc::net_tls_failure;
  return errc::net_failure;
}

bool may_retry_on_fresh_connection(errc code, bool request_sent,
                                   bool response_started, bool idempotent) {
  if (code != errc::net_connection_reset || response_started) return false;
  return !request_sent || idempotent;
}

bool is_idempotent_method(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "PUT"
         || method == "DELETE" || method == "OPTIONS" || method == "TRACE";
}

} // namespace switchboard::http::client
