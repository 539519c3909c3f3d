#define CAF_SUITE io.server_limits
#include "caf/test/unit_test.hpp"

#include "tests/io/server_fixture.hpp"

using namespace std::chrono_literals;
using namespace switchboard::http;
using namespace switchboard::http::testing;

namespace {

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

/// The JSON body of a raw HTTP answer.
nlohmann::json raw_body(const std::string& raw) {
  auto start = raw.find("\r\n\r\n");
  if (start == std::string::npos) return nullptr;
  return nlohmann::json::parse(raw.substr(start + 4), nullptr, false);
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(server_limits_tests, server_fixture)

CAF_TEST(unknown paths and methods are JSON errors over the wire) {
  start();
  auto missing = http_request(port, "GET", "/nowhere");
  CAF_CHECK_EQUAL(missing.status, 404);
  CAF_CHECK_EQUAL(missing.json()["error"]["code"].get<std::string>(),
                  "not_found");
  auto wrong = http_request(port, "DELETE", "/health");
  CAF_CHECK_EQUAL(wrong.status, 405);
  CAF_CHECK_EQUAL(wrong.header("allow"), "GET");
}

CAF_TEST(keep alive serves several requests on one connection) {
  start();
  test_connection conn{port};
  for (int i = 0; i < 3; ++i) {
    auto res = conn.request("GET", "/echo/" + std::to_string(i));
    CAF_CHECK_EQUAL(res.status, 200);
    CAF_CHECK_EQUAL(res.body, std::to_string(i));
    CAF_CHECK_NOT_EQUAL(res.header("connection"), "close");
  }
  CAF_CHECK_EQUAL(srv->connections(), 1u);
}

CAF_TEST(a body over the cap is a 413 and the server serves the next one) {
  start();
  auto res = http_request(port, "POST", "/async", std::string(4096, 'x'));
  CAF_CHECK_EQUAL(res.status, 413);
  CAF_CHECK_EQUAL(res.json()["error"]["code"].get<std::string>(),
                  "payload_too_large");
  CAF_CHECK_EQUAL(res.header("connection"), "close");
  auto next = http_request(port, "POST", "/async", std::string(1000, 'y'));
  CAF_CHECK_EQUAL(next.status, 200);
  CAF_CHECK_EQUAL(next.json()["body"].get<std::string>().size(), 1000u);
}

CAF_TEST(garbage bytes are a 400 and the server keeps running) {
  start();
  auto raw = raw_exchange(port, "\x16\x03\x01\x02\x00 garbage\r\n\r\n", 5s);
  CAF_CHECK(starts_with(raw.received, "HTTP/1.1 400"));
  CAF_CHECK_EQUAL(raw_body(raw.received)["error"]["code"].get<std::string>(),
                  "bad_request");
  CAF_CHECK(raw.closed_by_peer);
  auto bad_version = raw_exchange(port, "GET / HTTP/9\r\n\r\n", 5s);
  CAF_CHECK(starts_with(bad_version.received, "HTTP/1.1 400"));
  CAF_CHECK_EQUAL(http_request(port, "GET", "/health").status, 200);
}

CAF_TEST(expect 100 continue gets a go ahead unless the body is too big) {
  start();
  auto ok = raw_exchange(port,
                         "POST /async HTTP/1.1\r\nHost: x\r\n"
                         "Expect: 100-continue\r\nConnection: close\r\n"
                         "Content-Length: 5\r\n\r\nhello",
                         5s);
  CAF_CHECK(starts_with(ok.received, "HTTP/1.1 100 Continue\r\n\r\n"
                                     "HTTP/1.1 200"));
  auto big = raw_exchange(port,
                          "POST /async HTTP/1.1\r\nHost: x\r\n"
                          "Expect: 100-continue\r\n"
                          "Content-Length: 4096\r\n\r\n",
                          5s);
  CAF_CHECK(starts_with(big.received, "HTTP/1.1 413"));
  CAF_CHECK(big.closed_by_peer);
}

CAF_TEST(an incomplete request is answered 408 and closed after the timeout) {
  settings.read_timeout_ms = 200;
  start();
  auto raw = raw_exchange(port, "GET /health HTTP/1.1\r\nHost: x\r\n", 5s);
  CAF_CHECK(raw.closed_by_peer);
  CAF_CHECK(starts_with(raw.received, "HTTP/1.1 408"));
  CAF_CHECK_EQUAL(raw_body(raw.received)["error"]["code"].get<std::string>(),
                  "request_timeout");
  CAF_CHECK_GREATER_OR_EQUAL(raw.elapsed, 200ms);
  CAF_CHECK_LESS(raw.elapsed, 4s);
  // A head without all of its body is incomplete too.
  auto body = raw_exchange(port,
                           "POST /async HTTP/1.1\r\nHost: x\r\n"
                           "Content-Length: 10\r\n\r\nabc",
                           5s);
  CAF_CHECK(body.closed_by_peer);
  CAF_CHECK(starts_with(body.received, "HTTP/1.1 408"));
}

CAF_TEST(an idle connection is closed silently after the timeout) {
  settings.read_timeout_ms = 200;
  start();
  auto raw = raw_exchange(port, "", 5s);
  CAF_CHECK(raw.closed_by_peer);
  CAF_CHECK_EQUAL(raw.received, "");
  CAF_CHECK_GREATER_OR_EQUAL(raw.elapsed, 200ms);
  // Also between two requests of a keep-alive connection.
  test_connection conn{port};
  CAF_CHECK_EQUAL(conn.request("GET", "/echo/1").status, 200);
  CAF_CHECK(conn.closed_by_peer(5s));
  CAF_CHECK(wait_until([&] {
    return srv->connections() == 0;
  }));
}

CAF_TEST(a handler that never answers gets a 503 after the handler timeout) {
  settings.handler_timeout_ms = 200;
  start();
  auto begin = std::chrono::steady_clock::now();
  auto res = http_request(port, "GET", "/never");
  auto elapsed = std::chrono::steady_clock::now() - begin;
  CAF_CHECK_EQUAL(res.status, 503);
  CAF_CHECK_EQUAL(res.json()["error"]["code"].get<std::string>(), "timeout");
  CAF_CHECK_GREATER_OR_EQUAL(elapsed, 200ms);
  CAF_CHECK_EQUAL(srv->in_flight(), 0u);
}

CAF_TEST(a late answer after the handler timeout is dropped) {
  settings.handler_timeout_ms = 200;
  start();
  test_connection conn{port};
  auto res = conn.request("GET", "/hold");
  CAF_CHECK_EQUAL(res.status, 503);
  CAF_CHECK(has_held());
  release_held(text(200, "too late"));
  // The connection is still in step: the next answer is the next request's.
  auto next = conn.request("GET", "/echo/7");
  CAF_CHECK_EQUAL(next.status, 200);
  CAF_CHECK_EQUAL(next.body, "7");
}

CAF_TEST_FIXTURE_SCOPE_END()
