#define CAF_SUITE http_client.basics
#include <caf/test/unit_test.hpp>

#include "messages/error.hpp"
#include "tests/http_client/client_fixture.hpp"
#include "tests/http_client/test_server.hpp"

using namespace switchboard;
using namespace switchboard::http::client::testing;

CAF_TEST_FIXTURE_SCOPE(client_basics, client_fixture)

CAF_TEST(a response carries status and headers and body) {
  test_server server;
  start();
  auto res = call(get(local(server.port(), "/ok")));
  CAF_REQUIRE(res);
  CAF_CHECK_EQUAL(res->status, 200);
  CAF_CHECK_EQUAL(res->body, "hello");
  CAF_CHECK_EQUAL(res->header("x-rate-limit-remaining"), "42");
  CAF_CHECK_EQUAL(res->header("retry-after"), "7");
  CAF_CHECK_EQUAL(res->header("content-type"), "text/plain");
  CAF_CHECK(res->elapsed > caf::timespan{0});
  CAF_CHECK(!res->reused_connection);
}

CAF_TEST(query parameters are appended percent - encoded) {
  test_server server;
  start();
  auto req = get(local(server.port(), "/echo?a=1"));
  req.method = "DELETE";
  req.query = {{"since_id", "1 2"}, {"q", "x&y=z"}};
  auto res = call(req);
  CAF_REQUIRE(res);
  // "=" may stay as it is inside a value (RFC 3986 query characters).
  CAF_CHECK_EQUAL(res->body, "/echo?a=1&since_id=1%202&q=x%26y=z");
  CAF_CHECK_EQUAL(res->header("x-method"), "DELETE");
}

CAF_TEST(bad input is rejected with invalid_argument) {
  start();
  CAF_CHECK_EQUAL(code_of(call(get("ftp://example.com/x"))),
                  errc::invalid_argument);
  CAF_CHECK_EQUAL(code_of(call(get("/relative"))), errc::invalid_argument);
  auto bad_method = get("http://127.0.0.1:1/");
  bad_method.method = "FETCH!";
  CAF_CHECK_EQUAL(code_of(call(bad_method)), errc::invalid_argument);
  auto injected = get("http://127.0.0.1:1/");
  injected.headers = {{"x-a", "1\r\nx-evil: 1"}};
  CAF_CHECK_EQUAL(code_of(call(injected)), errc::invalid_argument);
}

CAF_TEST(keep - alive connections are reused) {
  test_server server;
  start();
  for (int i = 0; i < 20; ++i) {
    auto res = call(get(local(server.port(), "/ok")));
    CAF_REQUIRE(res);
    CAF_CHECK_EQUAL(res->reused_connection, i > 0);
  }
  CAF_CHECK_EQUAL(server.counts().accepted.load(), 1);
  CAF_CHECK_EQUAL(server.counts().requests.load(), 20);
  auto s = stats();
  CAF_CHECK_EQUAL(s.connections_opened, 1u);
  CAF_CHECK_EQUAL(s.reused, 19u);
  CAF_CHECK_EQUAL(s.completed, 20u);
  CAF_CHECK_EQUAL(s.pending, 0u);
}

CAF_TEST(a connection closed by the server is not reused) {
  test_server server;
  start();
  CAF_REQUIRE(call(get(local(server.port(), "/close"))));
  auto res = call(get(local(server.port(), "/ok")));
  CAF_REQUIRE(res);
  CAF_CHECK(!res->reused_connection);
  CAF_CHECK_EQUAL(server.counts().accepted.load(), 2);
}

CAF_TEST(never more connections per host than the cap) {
  test_server server;
  http_client_settings settings;
  settings.max_connections_per_host = 4;
  start(settings);
  std::vector<http_request> requests(40,
                                     get(local(server.port(), "/slow?ms=20")));
  auto results = call_all(requests);
  for (auto& res : results)
    CAF_CHECK(res && res->status == 200);
  CAF_CHECK_EQUAL(server.counts().max_open.load(), 4);
  CAF_CHECK_EQUAL(server.counts().accepted.load(), 4);
  CAF_CHECK_EQUAL(server.counts().requests.load(), 40);
}

CAF_TEST(a full wait queue fails at once) {
  test_server server;
  http_client_settings settings;
  settings.max_connections_per_host = 1;
  settings.max_queue_per_host = 2;
  start(settings);
  std::vector<http_request> requests(5,
                                     get(local(server.port(), "/slow?ms=100")));
  auto results = call_all(requests);
  int ok = 0;
  int full = 0;
  for (auto& res : results) {
    if (res) ++ok;
    if (code_of(res) == errc::net_queue_full) ++full;
  }
  CAF_CHECK_EQUAL(ok, 3);
  CAF_CHECK_EQUAL(full, 2);
  CAF_CHECK_EQUAL(server.counts().max_open.load(), 1);
}

CAF_TEST(idle connections close after the idle timeout) {
  test_server server;
  http_client_settings settings;
  settings.idle_timeout_ms = 100;
  start(settings);
  CAF_REQUIRE(call(get(local(server.port(), "/ok"))));
  CAF_CHECK(wait_until(
      [&] {
        return server.counts().open.load() == 0;
      },
      3s));
  auto res = call(get(local(server.port(), "/ok")));
  CAF_REQUIRE(res);
  CAF_CHECK(!res->reused_connection);
  CAF_CHECK_EQUAL(server.counts().accepted.load(), 2);
}

CAF_TEST(a stale connection is retried once for an idempotent request) {
  test_server server;
  start();
  CAF_REQUIRE(call(get(local(server.port(), "/drop-second"))));
  // The server drops the reused connection without answering: GET goes
  // once more over a fresh connection, where it is a first request.
  auto res = call(get(local(server.port(), "/drop-second")));
  CAF_REQUIRE(res);
  CAF_CHECK_EQUAL(res->status, 200);
  CAF_CHECK(!res->reused_connection);
  CAF_CHECK_EQUAL(stats().retried, 1u);
  CAF_CHECK_EQUAL(server.counts().accepted.load(), 2);
}

CAF_TEST(a sent POST is never retried) {
  test_server server;
  start();
  CAF_REQUIRE(call(get(local(server.port(), "/drop-second"))));
  auto post = get(local(server.port(), "/drop-second"));
  post.method = "POST";
  post.body = "{}";
  auto res = call(post);
  CAF_CHECK_EQUAL(code_of(res), errc::net_connection_reset);
  CAF_CHECK_EQUAL(stats().retried, 0u);
  CAF_CHECK_EQUAL(server.counts().requests.load(), 2);
}

CAF_TEST_FIXTURE_SCOPE_END()
