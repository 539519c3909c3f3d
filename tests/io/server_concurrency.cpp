#define CAF_SUITE io.server_concurrency
#include <future>

#include "caf/test/unit_test.hpp"

#include "tests/io/server_fixture.hpp"

using namespace std::chrono_literals;
using namespace switchboard::http;
using namespace switchboard::http::testing;

CAF_TEST_FIXTURE_SCOPE(server_concurrency_tests, server_fixture)

CAF_TEST(a responder may be called from another thread) {
  start();
  auto res = http_request(port, "POST", "/async", "payload");
  CAF_REQUIRE_EQUAL(res.status, 200);
  CAF_CHECK_EQUAL(res.json()["thread"].get<std::string>(), "helper");
  CAF_CHECK_EQUAL(res.json()["body"].get<std::string>(), "payload");
}

CAF_TEST(two hundred concurrent keep alive connections are all answered) {
  start();
  // 200 connections open at once, two requests each on the same connection.
  auto answered = concurrent_echo(port, 200, 2, 20s);
  CAF_CHECK_EQUAL(answered, 400u);
  CAF_CHECK(wait_until([&] {
    return srv->connections() == 0;
  }));
}

CAF_TEST(stop_accepting refuses new connections and finishes in flight ones) {
  start();
  auto in_flight = std::async(std::launch::async, [&] {
    return http_request(port, "GET", "/hold");
  });
  CAF_REQUIRE(wait_until([&] {
    return has_held();
  }));
  CAF_CHECK_EQUAL(srv->in_flight(), 1u);
  srv->stop_accepting();
  CAF_CHECK(!can_connect(port));
  release_held(text(200, "finished"));
  CAF_REQUIRE(in_flight.wait_for(5s) == std::future_status::ready);
  auto res = in_flight.get();
  CAF_CHECK_EQUAL(res.status, 200);
  CAF_CHECK_EQUAL(res.body, "finished");
  CAF_CHECK_EQUAL(res.header("connection"), "close");
  CAF_CHECK(wait_until([&] {
    return srv->connections() == 0;
  }));
  CAF_CHECK_EQUAL(srv->in_flight(), 0u);
}

CAF_TEST(stop_accepting closes idle keep alive connections) {
  start();
  test_connection idle{port};
  CAF_REQUIRE_EQUAL(idle.request("GET", "/echo/1").status, 200);
  srv->stop_accepting();
  CAF_CHECK(idle.closed_by_peer(5s));
}

CAF_TEST(stop closes connections with a request in flight) {
  start();
  auto in_flight = std::async(std::launch::async, [&] {
    return http_request(port, "GET", "/hold");
  });
  CAF_REQUIRE(wait_until([&] {
    return has_held();
  }));
  srv->stop();
  CAF_REQUIRE(in_flight.wait_for(5s) == std::future_status::ready);
  CAF_CHECK_EQUAL(in_flight.get().status, 0);
  CAF_CHECK(!can_connect(port));
  CAF_CHECK_EQUAL(srv->in_flight(), 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()
