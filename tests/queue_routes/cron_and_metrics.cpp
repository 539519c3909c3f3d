// The cron actor on a real database (its unique keys make a firing one job
// however many actors enqueue it), GET /api/cron, the queue figures on
// /metrics/queues and /metrics, and a database that is down.

#define CAF_SUITE queue_routes.cron_and_metrics
#include "caf/test/unit_test.hpp"
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

#include "actors/cron/cron_entry.hpp"
#include "actors/cron/cron_scheduler.hpp"
#include "persistence/cron_repo.hpp"
#include "persistence/jobs_repo.hpp"
#include "runtime/cron_wiring.hpp"
#include "tests/queue_routes/queue_routes_fixture.hpp"

using namespace std::chrono_literals;
using namespace switchboard;
using namespace switchboard::test;
using nlohmann::json;
namespace jobs_repo = switchboard::persistence::jobs_repo;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

cron::cron_entry hourly_entry() {
  cron::cron_entry e;
  e.name = "hourly_sweep";
  e.expression = "@hourly";
  e.queue = "cleanup";
  e.kind = "stories";
  e.payload = R"({"type":"stories"})";
  e.missed = cron::run_missed_once();
  return e;
}

struct fixture : queue_routes_fixture {
  ~fixture() {
    for (auto& hdl : crons)
      caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
  }

  cron_actor start_cron() {
    auto opts = node_cron_options(cfg);
    opts.table = {hourly_entry()};
    auto hdl = cron::spawn_cron(sys, opts);
    crons.push_back(hdl);
    return hdl;
  }

  std::vector<cron_entry_status> table(const cron_actor& hdl) {
    std::vector<cron_entry_status> result;
    self->request(hdl, 5s, caf::get_atom_v)
        .receive(
            [&](std::vector<cron_entry_status>& xs) {
              result = std::move(xs);
            },
            [&](caf::error&) {});
    return result;
  }

  /// Whether the actor has loaded its table and enqueued what was due.
  bool settled(const cron_actor& hdl) {
    auto xs = table(hdl);
    return xs.size() == 1 && xs[0].next_fire_at && xs[0].pending.empty();
  }

  std::vector<cron_actor> crons;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(cron_and_metrics_tests, fixture)

CAF_TEST(concurrent and restarted cron actors enqueue a firing once) {
  auto now = std::chrono::system_clock::now();
  auto last_hour = std::chrono::floor<std::chrono::hours>(now);
  // Down for three hours: run_once catches up the latest missed firing.
  persistence::cron_repo::record(conn, "hourly_sweep",
                                 caf::timestamp{last_hour - 3h});
  auto a = start_cron();
  auto b = start_cron();
  CAF_REQUIRE(wait_until(
      [&] {
        return settled(a) && settled(b);
      },
      10s));
  auto key = cron::unique_key("hourly_sweep", last_hour);
  auto jobs = jobs_repo::list(conn, "cleanup", "", "", 10);
  CAF_REQUIRE_EQUAL(jobs.size(), 1u);
  CAF_CHECK_EQUAL(jobs[0].unique_key, key);
  CAF_CHECK_EQUAL(jobs[0].kind, "stories");
  CAF_MESSAGE("the firing got the cleanup queue's defaults");
  CAF_CHECK_EQUAL(jobs[0].max_attempts, 4);
  CAF_CHECK_EQUAL(jobs[0].timeout_ms, 120000);
  auto recorded = persistence::cron_repo::last_firings(conn);
  CAF_REQUIRE_EQUAL(recorded.size(), 1u);
  CAF_CHECK(recorded[0].fired_at == caf::timestamp{last_hour});
  CAF_MESSAGE("a restart after the firing finds nothing missed");
  auto c = start_cron();
  CAF_REQUIRE(wait_until(
      [&] {
        return settled(c);
      },
      10s));
  auto status = table(c);
  CAF_REQUIRE_EQUAL(status.size(), 1u);
  CAF_CHECK(status[0].last_fired_at == caf::timestamp{last_hour});
  CAF_CHECK_EQUAL(jobs_repo::list(conn, "cleanup", "", "", 10).size(), 1u);
}

CAF_TEST(GET api cron lists the entries with last and next firing) {
  CAF_CHECK_EQUAL(call("GET", "/api/cron").status, 503);
  auto hdl = start_cron();
  sys.registry().put(cron_atom_v, caf::actor_cast<caf::strong_actor_ptr>(hdl));
  CAF_REQUIRE(wait_until(
      [&] {
        return settled(hdl);
      },
      10s));
  auto res = call("GET", "/api/cron");
  sys.registry().erase(cron_atom_v);
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto items = res.json()["items"];
  CAF_REQUIRE_EQUAL(items.size(), 1u);
  CAF_CHECK_EQUAL(items[0]["name"].get<std::string>(), "hourly_sweep");
  CAF_CHECK_EQUAL(items[0]["expression"].get<std::string>(), "@hourly");
  CAF_CHECK_EQUAL(items[0]["zone"].get<std::string>(), "UTC");
  CAF_CHECK_EQUAL(items[0]["missed"]["policy"].get<std::string>(), "run_once");
  CAF_CHECK(items[0]["last_fired_at"].is_null());
  auto next = items[0]["next_fire_at"].get<std::string>();
  CAF_CHECK(contains(next, ":00:00.000Z"));
  CAF_CHECK_EQUAL(http::testing::http_request(port, "GET", "/api/cron").status,
                  401);
}

CAF_TEST(metrics queues and the prometheus gauges show real figures) {
  json body = json::array();
  for (int i = 0; i < 3; ++i)
    body.push_back({{"kind", "stories"}});
  CAF_REQUIRE_EQUAL(enqueue("cleanup", body).status, 201);
  CAF_REQUIRE_EQUAL(
      enqueue("media", {{"kind", "image"}, {"delay_ms", 60000}}).status, 201);
  CAF_REQUIRE_EQUAL(call("POST", "/api/queues/media/pause").status, 200);
  auto res = call("GET", "/metrics/queues");
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto doc = res.json();
  std::map<std::string, json> by_name;
  for (auto& q : doc["queues"])
    by_name[q["name"].get<std::string>()] = q;
  CAF_REQUIRE_EQUAL(by_name.count("cleanup"), 1u);
  CAF_CHECK_EQUAL(by_name["cleanup"]["waiting"].get<int>(), 3);
  CAF_CHECK_EQUAL(by_name["media"]["delayed"].get<int>(), 1);
  CAF_CHECK_EQUAL(by_name["media"]["paused"].get<bool>(), true);
  auto metrics = http::testing::http_request(port, "GET", "/metrics");
  CAF_REQUIRE_EQUAL(metrics.status, 200);
  CAF_CHECK(contains(metrics.body, "switchboard_queue_jobs{queue=\"cleanup\","
                                   "state=\"waiting\"} 3"));
  CAF_CHECK(contains(metrics.body, "switchboard_queue_jobs{queue=\"media\","
                                   "state=\"delayed\"} 1"));
  CAF_CHECK(
      contains(metrics.body, "switchboard_queue_paused{queue=\"media\"} 1"));
}

CAF_TEST(a database that is down gives 503 JSON within the deadline) {
  pg_harness::get().stop();
  auto started = std::chrono::steady_clock::now();
  auto list = call("GET", "/api/queues");
  auto job = call("GET", "/api/jobs/1");
  auto enq = enqueue("cleanup", {{"kind", "stories"}});
  auto figures = call("GET", "/metrics/queues");
  auto elapsed = std::chrono::steady_clock::now() - started;
  pg_harness::get().start();
  CAF_CHECK_EQUAL(list.status, 503);
  CAF_CHECK_EQUAL(job.status, 503);
  CAF_CHECK_EQUAL(enq.status, 503);
  CAF_CHECK_EQUAL(figures.status, 503);
  CAF_CHECK(contains(list.body, "\"unavailable\""));
  CAF_CHECK(elapsed < 4 * 5s);
  CAF_MESSAGE("once the database is back, the routes work again");
  CAF_CHECK(wait_until(
      [&] {
        return enqueue("cleanup", {{"kind", "stories"}}).status == 201;
      },
      20s));
}

CAF_TEST_FIXTURE_SCOPE_END()
