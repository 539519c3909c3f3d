#define CAF_SUITE io.monitoring_routes
#include "io/http/monitoring_routes.hpp"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include "caf/test/unit_test.hpp"

#include "io/http/monitoring_json.hpp"
#include "tests/io_unit/captured_response.hpp"

using namespace switchboard;
using namespace switchboard::http;
using switchboard::http::testing::captured_response;

namespace {

constexpr const char* token = "tok";

health_report healthy_report() {
  health_report r;
  r.node_id = "node-a";
  r.version = "0.1.0";
  r.started_at = std::chrono::system_clock::time_point{
      std::chrono::milliseconds{1'700'000'000'123}};
  r.database_reachable = true;
  r.database_latency = std::chrono::microseconds{2500};
  return r;
}

struct fixture {
  router make_router(bool protect) {
    router r{token};
    monitoring_deps deps;
    deps.health = [](std::function<void(health_report)> reply) {
      reply(healthy_report());
    };
    deps.queues = [](std::function<void(std::vector<queue_figures>)> reply) {
      queue_figures media;
      media.name = "media";
      media.waiting = 3;
      media.dead = 1;
      media.paused = true;
      reply({media});
    };
    deps.request_shutdown = [this] {
      ++shutdowns;
    };
    auto registry = std::make_shared<prometheus::Registry>();
    prometheus::BuildCounter()
        .Name("switchboard_test_total")
        .Help("t")
        .Register(*registry)
        .Add({})
        .Increment();
    deps.metrics = {registry};
    deps.protect_monitoring = protect;
    add_monitoring_routes(r, std::move(deps));
    return r;
  }

  int status_of(const router& r, const char* method, const char* path,
                bool with_token) {
    request req;
    req.method = method;
    req.path = req.target = path;
    if (with_token)
      req.headers["authorization"] = std::string{"Bearer "} + token;
    last = captured_response{};
    r.dispatch(std::move(req), last.make());
    return last.empty() ? 0 : last.last().status;
  }

  int shutdowns = 0;
  captured_response last;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(monitoring_routes_tests, fixture)

CAF_TEST(health and metrics are open unless protect_monitoring is set) {
  auto open = make_router(false);
  CAF_CHECK_EQUAL(status_of(open, "GET", "/health", false), 200);
  CAF_CHECK_EQUAL(status_of(open, "GET", "/metrics", false), 200);
  auto closed = make_router(true);
  CAF_CHECK_EQUAL(status_of(closed, "GET", "/health", false), 401);
  CAF_CHECK_EQUAL(status_of(closed, "GET", "/metrics", false), 401);
  CAF_CHECK_EQUAL(status_of(closed, "GET", "/health", true), 200);
  CAF_CHECK_EQUAL(status_of(closed, "GET", "/metrics", true), 200);
}

CAF_TEST(system queues and shutdown always need the token) {
  auto r = make_router(false);
  CAF_CHECK_EQUAL(status_of(r, "GET", "/metrics/system", false), 401);
  CAF_CHECK_EQUAL(status_of(r, "GET", "/metrics/queues", false), 401);
  CAF_CHECK_EQUAL(status_of(r, "POST", "/shutdown", false), 401);
  CAF_CHECK_EQUAL(shutdowns, 0);
  CAF_CHECK_EQUAL(status_of(r, "GET", "/metrics/queues", true), 200);
  CAF_CHECK_EQUAL(status_of(r, "POST", "/shutdown", true), 202);
  CAF_CHECK_EQUAL(last.last_json()["status"].get<std::string>(),
                  "shutting_down");
  CAF_CHECK_EQUAL(shutdowns, 1);
  CAF_CHECK_EQUAL(status_of(r, "GET", "/shutdown", true), 405);
}

CAF_TEST(metrics text includes the given registries and process series) {
  auto r = make_router(false);
  CAF_REQUIRE_EQUAL(status_of(r, "GET", "/metrics", false), 200);
  CAF_CHECK_EQUAL(last.last().content_type, "text/plain; version=0.0.4");
  CAF_CHECK_NOT_EQUAL(last.last().body.find("switchboard_test_total 1"),
                      std::string::npos);
  CAF_CHECK_NOT_EQUAL(last.last().body.find("process_open_fds"),
                      std::string::npos);
}

CAF_TEST(queue figures are listed by name) {
  auto r = make_router(false);
  CAF_REQUIRE_EQUAL(status_of(r, "GET", "/metrics/queues", true), 200);
  auto body = last.last_json();
  CAF_REQUIRE_EQUAL(body["queues"].size(), 1u);
  auto& q = body["queues"][0];
  CAF_CHECK_EQUAL(q["name"].get<std::string>(), "media");
  CAF_CHECK_EQUAL(q["waiting"].get<int>(), 3);
  CAF_CHECK_EQUAL(q["dead"].get<int>(), 1);
  CAF_CHECK_EQUAL(q["paused"].get<bool>(), true);
  for (auto key : {"active", "completed", "failed", "delayed"})
    CAF_CHECK_EQUAL(q[key].get<int>(), 0);
  CAF_CHECK_EQUAL(queues_json({}).dump(), R"({"queues":[]})");
}

CAF_TEST(health reports ok with 200 when the database is reachable) {
  auto report = healthy_report();
  auto now = report.started_at + std::chrono::milliseconds{61'500};
  auto r = health_response(report, now);
  CAF_CHECK_EQUAL(r.status, 200);
  auto body = nlohmann::json::parse(r.body);
  CAF_CHECK_EQUAL(body["status"].get<std::string>(), "ok");
  CAF_CHECK_EQUAL(body["node_id"].get<std::string>(), "node-a");
  CAF_CHECK_EQUAL(body["version"].get<std::string>(), "0.1.0");
  CAF_CHECK_EQUAL(body["uptime_ms"].get<int64_t>(), 61500);
  CAF_CHECK_EQUAL(body["started_at"].get<std::string>(),
                  "2023-11-14T22:13:20.123Z");
  CAF_CHECK_EQUAL(body["database"]["reachable"].get<bool>(), true);
  CAF_CHECK_EQUAL(body["database"]["latency_ms"].get<int64_t>(), 2);
}

CAF_TEST(health reports unavailable with 503 when the database is not ) {
  auto report = healthy_report();
  report.database_reachable = false;
  report.database_latency.reset();
  auto r = health_response(report, report.started_at);
  CAF_CHECK_EQUAL(r.status, 503);
  auto body = nlohmann::json::parse(r.body);
  CAF_CHECK_EQUAL(body["status"].get<std::string>(), "unavailable");
  CAF_CHECK_EQUAL(body["database"]["reachable"].get<bool>(), false);
  CAF_CHECK(body["database"]["latency_ms"].is_null());
  CAF_CHECK_EQUAL(body["uptime_ms"].get<int64_t>(), 0);
}

CAF_TEST(system JSON carries cpu memory and process sections) {
  io::process_stats p;
  p.pid = 7;
  p.cpu_user_seconds = 1.5;
  p.threads = 9;
  p.open_fds = 11;
  p.resident_memory_bytes = 4096;
  p.start_time_seconds = 1700000000.5;
  p.uptime_seconds = 2.25;
  io::system_stats s;
  s.cpu_count = 2;
  s.load_1m = 0.5;
  s.memory_total_bytes = 1 << 20;
  auto body = system_json(p, s);
  CAF_CHECK_EQUAL(body["cpu"]["count"].get<int>(), 2);
  CAF_CHECK_EQUAL(body["cpu"]["load_1m"].get<double>(), 0.5);
  CAF_CHECK_EQUAL(body["cpu"]["process_user_seconds"].get<double>(), 1.5);
  CAF_CHECK_EQUAL(body["memory"]["total_bytes"].get<int>(), 1 << 20);
  CAF_CHECK_EQUAL(body["memory"]["process_resident_bytes"].get<int>(), 4096);
  CAF_CHECK_EQUAL(body["process"]["pid"].get<int>(), 7);
  CAF_CHECK_EQUAL(body["process"]["threads"].get<int>(), 9);
  CAF_CHECK_EQUAL(body["process"]["open_fds"].get<int>(), 11);
  CAF_CHECK_EQUAL(body["process"]["uptime_ms"].get<int>(), 2250);
  CAF_CHECK_EQUAL(body["process"]["started_at"].get<std::string>(),
                  "2023-11-14T22:13:20.500Z");
}

CAF_TEST(missing callbacks answer 503 or an empty list) {
  router r{token};
  add_monitoring_routes(r, monitoring_deps{});
  CAF_CHECK_EQUAL(status_of(r, "GET", "/health", false), 503);
  CAF_CHECK_EQUAL(last.last_json()["error"]["code"].get<std::string>(),
                  "unavailable");
  CAF_CHECK_EQUAL(status_of(r, "POST", "/shutdown", true), 503);
  CAF_CHECK_EQUAL(status_of(r, "GET", "/metrics/queues", true), 200);
  CAF_CHECK_EQUAL(last.last().body, R"({"queues":[]})");
}

CAF_TEST_FIXTURE_SCOPE_END()
