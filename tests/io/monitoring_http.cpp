#define CAF_SUITE io.monitoring_http
#include "caf/test/unit_test.hpp"

#include "tests/io/server_fixture.hpp"

using namespace switchboard::http;
using namespace switchboard::http::testing;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(monitoring_http_tests, server_fixture)

CAF_TEST(health is 200 and ok while the database is reachable) {
  start();
  auto res = http_request(port, "GET", "/health");
  CAF_REQUIRE_EQUAL(res.status, 200);
  CAF_CHECK_EQUAL(res.header("content-type"), "application/json");
  auto body = res.json();
  CAF_CHECK_EQUAL(body["status"].get<std::string>(), "ok");
  CAF_CHECK_EQUAL(body["node_id"].get<std::string>(), "node-test");
  CAF_CHECK_EQUAL(body["version"].get<std::string>(), "9.9.9");
  CAF_CHECK_GREATER_OR_EQUAL(body["uptime_ms"].get<int64_t>(), 5000);
  CAF_CHECK_EQUAL(body["started_at"].get<std::string>().size(), 24u);
  CAF_CHECK_EQUAL(body["database"]["reachable"].get<bool>(), true);
  CAF_CHECK_EQUAL(body["database"]["latency_ms"].get<int>(), 3);
}

CAF_TEST(health is 503 and unavailable while the database is not ) {
  start();
  database_up = false;
  auto res = http_request(port, "GET", "/health");
  CAF_REQUIRE_EQUAL(res.status, 503);
  auto body = res.json();
  CAF_CHECK_EQUAL(body["status"].get<std::string>(), "unavailable");
  CAF_CHECK_EQUAL(body["database"]["reachable"].get<bool>(), false);
  CAF_CHECK(body["database"]["latency_ms"].is_null());
}

CAF_TEST(metrics is Prometheus text with the HTTP and process series) {
  start();
  CAF_REQUIRE_EQUAL(http_request(port, "GET", "/health").status, 200);
  CAF_REQUIRE_EQUAL(http_request(port, "GET", "/nowhere").status, 404);
  auto res = http_request(port, "GET", "/metrics");
  CAF_REQUIRE_EQUAL(res.status, 200);
  CAF_CHECK_EQUAL(res.header("content-type"), "text/plain; version=0.0.4");
  CAF_CHECK(contains(res.body, "switchboard_http_requests_total{method=\"GET\","
                               "route=\"/health\",status=\"200\"} 1"));
  CAF_CHECK(contains(res.body, "switchboard_http_requests_total{method=\"GET\","
                               "route=\"unmatched\",status=\"404\"} 1"));
  CAF_CHECK(contains(res.body, "switchboard_http_request_duration_seconds_count"
                               "{route=\"/health\"} 1"));
  CAF_CHECK(contains(res.body, "process_resident_memory_bytes"));
  CAF_CHECK(contains(res.body, "process_open_fds"));
}

CAF_TEST(protect_monitoring puts health and metrics behind the token) {
  settings.protect_monitoring = true;
  start();
  CAF_CHECK_EQUAL(http_request(port, "GET", "/health").status, 401);
  CAF_CHECK_EQUAL(http_request(port, "GET", "/metrics").status, 401);
  CAF_CHECK_EQUAL(
      http_request(port, "GET", "/health", {}, bearer(admin_token)).status,
      200);
  CAF_CHECK_EQUAL(
      http_request(port, "GET", "/metrics", {}, bearer(admin_token)).status,
      200);
}

CAF_TEST(system metrics report cpu memory and process figures) {
  start();
  CAF_CHECK_EQUAL(http_request(port, "GET", "/metrics/system").status, 401);
  auto res
      = http_request(port, "GET", "/metrics/system", {}, bearer(admin_token));
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto body = res.json();
  CAF_CHECK_GREATER_OR_EQUAL(body["cpu"]["count"].get<int>(), 1);
  for (auto key : {"load_1m", "load_5m", "load_15m", "process_user_seconds",
                   "process_system_seconds"})
    CAF_CHECK(body["cpu"][key].is_number());
  CAF_CHECK_GREATER(body["memory"]["total_bytes"].get<uint64_t>(), 0u);
  CAF_CHECK_GREATER(body["memory"]["available_bytes"].get<uint64_t>(), 0u);
  CAF_CHECK_GREATER(body["memory"]["process_resident_bytes"].get<uint64_t>(),
                    0u);
  CAF_CHECK_GREATER(body["memory"]["process_virtual_bytes"].get<uint64_t>(),
                    0u);
  CAF_CHECK_EQUAL(body["process"]["pid"].get<int64_t>(),
                  static_cast<int64_t>(::getpid()));
  // The io_runtime's two threads at least, plus the main thread.
  CAF_CHECK_GREATER_OR_EQUAL(body["process"]["threads"].get<int>(), 3);
  CAF_CHECK_GREATER(body["process"]["open_fds"].get<int>(), 2);
  CAF_CHECK(body["process"]["started_at"].is_string());
  CAF_CHECK(body["process"]["uptime_ms"].is_number_integer());
}

CAF_TEST(queue metrics list the figures the runtime reports) {
  start();
  CAF_CHECK_EQUAL(http_request(port, "GET", "/metrics/queues").status, 401);
  auto res
      = http_request(port, "GET", "/metrics/queues", {}, bearer(admin_token));
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto body = res.json();
  CAF_REQUIRE_EQUAL(body["queues"].size(), 1u);
  CAF_CHECK_EQUAL(body["queues"][0]["name"].get<std::string>(), "notification");
  CAF_CHECK_EQUAL(body["queues"][0]["waiting"].get<int>(), 5);
  CAF_CHECK_EQUAL(body["queues"][0]["active"].get<int>(), 2);
  CAF_CHECK_EQUAL(body["queues"][0]["completed"].get<int>(), 40);
  CAF_CHECK_EQUAL(body["queues"][0]["paused"].get<bool>(), false);
}

CAF_TEST(shutdown needs the token then answers 202 and calls back) {
  start();
  auto refused = http_request(port, "POST", "/shutdown");
  CAF_CHECK_EQUAL(refused.status, 401);
  CAF_CHECK_EQUAL(refused.json()["error"]["code"].get<std::string>(),
                  "unauthorized");
  CAF_CHECK_EQUAL(shutdown_calls.load(), 0);
  auto wrong = http_request(port, "POST", "/shutdown", {}, bearer("nope"));
  CAF_CHECK_EQUAL(wrong.status, 401);
  auto res = http_request(port, "POST", "/shutdown", {}, bearer(admin_token));
  CAF_REQUIRE_EQUAL(res.status, 202);
  CAF_CHECK_EQUAL(res.json()["status"].get<std::string>(), "shutting_down");
  CAF_CHECK(wait_until([&] {
    return shutdown_calls.load() == 1;
  }));
}

CAF_TEST_FIXTURE_SCOPE_END()
