#define CAF_SUITE http_client.failures
#include <caf/test/unit_test.hpp>

#include "messages/error.hpp"
#include "tests/http_client/client_fixture.hpp"
#include "tests/http_client/test_server.hpp"

using namespace switchboard;
using namespace switchboard::http::client::testing;

namespace {

struct timed {
  outcome result;
  std::chrono::milliseconds took;
};

} // namespace

struct failure_fixture : client_fixture {
  timed timed_call(const http_request& request) {
    auto begin = std::chrono::steady_clock::now();
    auto result = call(request);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - begin);
    return {std::move(result), took};
  }
};

CAF_TEST_FIXTURE_SCOPE(client_failures, failure_fixture)

CAF_TEST(a closed port is connection refused) {
  start();
  auto res = call(get(local(closed_port(), "/")));
  CAF_CHECK_EQUAL(code_of(res), errc::net_connection_refused);
}

CAF_TEST(an unknown host is a DNS failure) {
  start();
  auto res = call(get("http://no-such-host.invalid/x"));
  CAF_CHECK_EQUAL(code_of(res), errc::net_dns_failure);
}

CAF_TEST(a connect that never completes is a connect timeout) {
  black_hole hole;
  start();
  auto req = get(local(hole.port(), "/"));
  req.connect_timeout_ms = 300;
  auto res = timed_call(req);
  CAF_CHECK_EQUAL(code_of(res.result), errc::net_connect_timeout);
  CAF_CHECK_GREATER_OR_EQUAL(res.took.count(), 280);
  CAF_CHECK_LESS(res.took.count(), 2000);
}

CAF_TEST(a server that never answers is a read timeout) {
  test_server server;
  start();
  auto req = get(local(server.port(), "/silent"));
  req.read_timeout_ms = 200;
  auto res = timed_call(req);
  CAF_CHECK_EQUAL(code_of(res.result), errc::net_read_timeout);
  CAF_CHECK_GREATER_OR_EQUAL(res.took.count(), 190);
  CAF_CHECK_LESS(res.took.count(), 2000);
}

CAF_TEST(the total timeout bounds a request below its read timeout) {
  test_server server;
  start();
  auto req = get(local(server.port(), "/silent"));
  req.read_timeout_ms = 10000;
  req.total_timeout_ms = 250;
  auto res = timed_call(req);
  CAF_CHECK_EQUAL(code_of(res.result), errc::net_total_timeout);
  CAF_CHECK_GREATER_OR_EQUAL(res.took.count(), 240);
  CAF_CHECK_LESS(res.took.count(), 2000);
}

CAF_TEST(the total timeout counts the wait in the queue) {
  test_server server;
  http_client_settings settings;
  settings.max_connections_per_host = 1;
  start(settings);
  auto blocker = get(local(server.port(), "/silent"));
  blocker.read_timeout_ms = 1000;
  auto waiter = get(local(server.port(), "/ok"));
  waiter.total_timeout_ms = 200;
  auto results = call_all({blocker, waiter});
  CAF_CHECK_EQUAL(code_of(results[0]), errc::net_read_timeout);
  CAF_CHECK_EQUAL(code_of(results[1]), errc::net_total_timeout);
  CAF_CHECK_EQUAL(server.counts().requests.load(), 1);
}

CAF_TEST(a connection closed mid - response is a reset) {
  test_server server;
  start();
  CAF_CHECK_EQUAL(code_of(call(get(local(server.port(), "/reset")))),
                  errc::net_connection_reset);
}

CAF_TEST(a body over the cap is too large) {
  test_server server;
  start();
  auto req = get(local(server.port(), "/big?n=100000"));
  req.max_response_bytes = 1000;
  CAF_CHECK_EQUAL(code_of(call(req)), errc::net_response_too_large);
  req.max_response_bytes = 100000;
  auto res = call(req);
  CAF_REQUIRE(res);
  CAF_CHECK_EQUAL(res->body.size(), 100000u);
}

CAF_TEST(bytes that are not HTTP are a malformed response) {
  test_server server;
  start();
  CAF_CHECK_EQUAL(code_of(call(get(local(server.port(), "/garbage")))),
                  errc::net_malformed_response);
}

CAF_TEST(errors name the origin and never a token) {
  start();
  auto req = get(local(closed_port(), "/2/users/7?access_token=SECRET1"));
  req.headers = {{"Authorization", "Bearer SECRET2"}};
  req.body = "SECRET3";
  req.method = "POST";
  auto res = call(req);
  CAF_REQUIRE(!res);
  auto text = render(res.error());
  CAF_MESSAGE("error: " << text);
  CAF_CHECK(text.find("127.0.0.1") != std::string::npos);
  CAF_CHECK(text.find("SECRET") == std::string::npos);
  CAF_CHECK(text.find("/2/users") == std::string::npos);
  CAF_CHECK(is_network_error(res.error()));
}

CAF_TEST_FIXTURE_SCOPE_END()
