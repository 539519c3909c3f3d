#define CAF_SUITE http_client.tls
#include <caf/test/unit_test.hpp>

#include "messages/error.hpp"
#include "tests/http_client/client_fixture.hpp"
#include "tests/http_client/test_server.hpp"

using namespace switchboard;
using namespace switchboard::http::client::testing;

namespace {

struct tls_fixture : client_fixture {
  tls_fixture() : server(cert.cert_file(), cert.key_file()) {
  }

  std::string url(const std::string& host, const std::string& target) {
    return "https://" + host + ":" + std::to_string(server.port()) + target;
  }

  self_signed_cert cert;
  test_server server;
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(client_tls, tls_fixture)

CAF_TEST(a self - signed certificate fails verification) {
  start();
  auto res = call(get(url("localhost", "/ok")));
  CAF_REQUIRE_EQUAL(code_of(res), errc::net_tls_verify_failed);
  auto text = render(res.error());
  CAF_MESSAGE("error: " << text);
  CAF_CHECK(contains(text, "self-signed") || contains(text, "self signed"));
}

CAF_TEST(verification off accepts a self - signed certificate) {
  start();
  auto req = get(url("localhost", "/ok"));
  req.verify_tls = false;
  for (int i = 0; i < 3; ++i) {
    auto res = call(req);
    CAF_REQUIRE(res);
    CAF_CHECK_EQUAL(res->status, 200);
    CAF_CHECK_EQUAL(res->body, "hello");
  }
  CAF_CHECK_EQUAL(server.counts().accepted.load(), 1);
}

CAF_TEST(a trusted certificate verifies and its host name is checked) {
  http_client_settings settings;
  settings.ca_file = cert.cert_file();
  start(settings);
  auto res = call(get(url("localhost", "/ok")));
  CAF_REQUIRE(res);
  CAF_CHECK_EQUAL(res->status, 200);
  // The certificate names "localhost" only.
  auto other = call(get(url("127.0.0.1", "/ok")));
  CAF_CHECK_EQUAL(code_of(other), errc::net_tls_verify_failed);
}

CAF_TEST(a TLS handshake with a plain HTTP server is a TLS failure) {
  test_server plain;
  start();
  auto req = get("https://127.0.0.1:" + std::to_string(plain.port()) + "/ok");
  req.verify_tls = false;
  auto res = call(req);
  CAF_CHECK_EQUAL(code_of(res), errc::net_tls_failure);
}

CAF_TEST_FIXTURE_SCOPE_END()
