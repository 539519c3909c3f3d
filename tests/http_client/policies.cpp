#define CAF_SUITE http_client.policies
#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include <caf/test/unit_test.hpp>

#include "io/http/client/client_url.hpp"
#include "io/http/client/error_mapping.hpp"
#include "messages/error.hpp"

using namespace switchboard;
using namespace switchboard::http::client;
namespace asio_error = boost::asio::error;
namespace http_error = boost::beast::http;

CAF_TEST(urls split into origin and host header and target) {
  auto url = parse_client_url("https://api.x.com/2/users/1/mentions?a=b#frag");
  CAF_REQUIRE(url);
  CAF_CHECK(url->tls);
  CAF_CHECK_EQUAL(url->host, "api.x.com");
  CAF_CHECK_EQUAL(url->port, 443);
  CAF_CHECK_EQUAL(url->target, "/2/users/1/mentions?a=b");
  CAF_CHECK_EQUAL(url->origin(), "https://api.x.com:443");
  CAF_CHECK_EQUAL(url->host_header(), "api.x.com");
  auto plain = parse_client_url("http://127.0.0.1:8081", {{"k", "a b"}});
  CAF_REQUIRE(plain);
  CAF_CHECK(!plain->tls);
  CAF_CHECK_EQUAL(plain->port, 8081);
  CAF_CHECK_EQUAL(plain->target, "/?k=a%20b");
  CAF_CHECK_EQUAL(plain->host_header(), "127.0.0.1:8081");
  auto v6 = parse_client_url("http://[::1]:9000/x");
  CAF_REQUIRE(v6);
  CAF_CHECK_EQUAL(v6->host, "::1");
  CAF_CHECK_EQUAL(v6->origin(), "http://[::1]:9000");
}

CAF_TEST(bad urls are invalid arguments that do not repeat the url) {
  for (auto text : {"", "example.com/x", "ftp://h/x", "http:///x",
                    "http://user:SECRET@h/x", "http://h:0/"}) {
    auto url = parse_client_url(text);
    CAF_REQUIRE(!url);
    CAF_CHECK_EQUAL(url.error().category(), caf::atom("sb"));
    CAF_CHECK_EQUAL(url.error().code(),
                    static_cast<uint8_t>(errc::invalid_argument));
    CAF_CHECK(render(url.error()).find("SECRET") == std::string::npos);
  }
}

CAF_TEST(errors classify by phase and deadline) {
  using p = client_phase;
  auto timeout = boost::beast::error::timeout;
  CAF_CHECK_EQUAL(classify_network_error(timeout, p::connect, false),
                  errc::net_connect_timeout);
  CAF_CHECK_EQUAL(classify_network_error(timeout, p::handshake, false),
                  errc::net_connect_timeout);
  CAF_CHECK_EQUAL(classify_network_error(timeout, p::read, false),
                  errc::net_read_timeout);
  CAF_CHECK_EQUAL(classify_network_error(timeout, p::read, true),
                  errc::net_total_timeout);
  CAF_CHECK_EQUAL(
      classify_network_error(asio_error::host_not_found, p::resolve, false),
      errc::net_dns_failure);
  CAF_CHECK_EQUAL(
      classify_network_error(asio_error::connection_refused, p::connect, false),
      errc::net_connection_refused);
  CAF_CHECK_EQUAL(
      classify_network_error(asio_error::connection_reset, p::read, false),
      errc::net_connection_reset);
  CAF_CHECK_EQUAL(
      classify_network_error(http_error::error::end_of_stream, p::read, false),
      errc::net_connection_reset);
  CAF_CHECK_EQUAL(
      classify_network_error(http_error::error::body_limit, p::read, false),
      errc::net_response_too_large);
  CAF_CHECK_EQUAL(
      classify_network_error(http_error::error::bad_version, p::read, false),
      errc::net_malformed_response);
  CAF_CHECK_EQUAL(classify_network_error(asio_error::eof, p::handshake, false),
                  errc::net_tls_failure);
  CAF_CHECK_EQUAL(classify_network_error(asio_error::network_unreachable,
                                         p::connect, false),
                  errc::net_failure);
}

CAF_TEST(only safe requests are retried on a fresh connection) {
  auto reset = errc::net_connection_reset;
  // Nothing left: any method may go again.
  CAF_CHECK(may_retry_on_fresh_connection(reset, false, false, false));
  // Sent: only an idempotent one.
  CAF_CHECK(may_retry_on_fresh_connection(reset, true, false, true));
  CAF_CHECK(!may_retry_on_fresh_connection(reset, true, false, false));
  // Part of a response came: the server acted on it.
  CAF_CHECK(!may_retry_on_fresh_connection(reset, true, true, true));
  // Timeouts are the caller's to retry.
  CAF_CHECK(!may_retry_on_fresh_connection(errc::net_read_timeout, false, false,
                                           true));
  CAF_CHECK(is_idempotent_method("GET"));
  CAF_CHECK(is_idempotent_method("PUT"));
  CAF_CHECK(!is_idempotent_method("POST"));
  CAF_CHECK(!is_idempotent_method("PATCH"));
}

CAF_TEST(network errors are recognised as such) {
  CAF_CHECK(is_network_error(caf::make_error(errc::net_read_timeout)));
  CAF_CHECK(is_network_error(caf::make_error(errc::net_failure)));
  CAF_CHECK(!is_network_error(caf::make_error(errc::invalid_argument)));
  CAF_CHECK(!is_network_error(caf::make_error(caf::sec::request_timeout)));
}
