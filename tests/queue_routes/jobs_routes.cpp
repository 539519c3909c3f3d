// The queue and job routes over real HTTP against a real PostgreSQL:
// happy paths and every error a client can cause.

#define CAF_SUITE queue_routes.jobs
#include <set>

#include "caf/test/unit_test.hpp"

#include "persistence/jobs_repo.hpp"
#include "tests/queue_routes/queue_routes_fixture.hpp"

using namespace switchboard;
using namespace switchboard::test;
using nlohmann::json;
namespace jobs_repo = switchboard::persistence::jobs_repo;

namespace {

std::string error_code(const http::testing::client_response& res) {
  auto body = json::parse(res.body, nullptr, false);
  if (body.is_discarded() || !body.contains("error")) return "<no error>";
  return body["error"]["code"].get<std::string>();
}

std::string error_message(const http::testing::client_response& res) {
  auto body = json::parse(res.body, nullptr, false);
  if (body.is_discarded() || !body.contains("error")) return "<no error>";
  return body["error"]["message"].get<std::string>();
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(jobs_routes_tests, queue_routes_fixture)

CAF_TEST(enqueue one job returns 201 with the job and its queue defaults) {
  auto res = enqueue("notification",
                     {{"kind", "push"}, {"payload", {{"user_id", "u1"}}}});
  CAF_REQUIRE_EQUAL(res.status, 201);
  auto j = res.json();
  CAF_CHECK_EQUAL(j["queue"].get<std::string>(), "notification");
  CAF_CHECK_EQUAL(j["kind"].get<std::string>(), "push");
  CAF_CHECK_EQUAL(j["state"].get<std::string>(), "waiting");
  CAF_CHECK_EQUAL(j["payload"]["user_id"].get<std::string>(), "u1");
  CAF_CHECK_EQUAL(j["created"].get<bool>(), true);
  CAF_MESSAGE("the seed's defaults: push priority 3, 4 attempts, 5 s backoff");
  CAF_CHECK_EQUAL(j["priority"].get<int>(), 3);
  CAF_CHECK_EQUAL(j["max_attempts"].get<int>(), 4);
  CAF_CHECK_EQUAL(j["backoff"]["type"].get<std::string>(), "exponential");
  CAF_CHECK_EQUAL(j["backoff"]["delay_ms"].get<int>(), 5000);
  CAF_CHECK_EQUAL(j["timeout_ms"].get<int>(), 30000);
  CAF_CHECK_EQUAL(j["created_at"].get<std::string>().size(), 24u);
  auto stored = jobs_repo::get(conn, j["id"].get<std::string>());
  CAF_REQUIRE(stored);
  CAF_CHECK_EQUAL(stored->kind, "push");
}

CAF_TEST(given fields win over the queue defaults) {
  auto res = enqueue("media", {{"kind", "image"},
                               {"payload", json::object()},
                               {"priority", 0},
                               {"max_attempts", 1},
                               {"timeout_ms", 1234},
                               {"delay_ms", 60000},
                               {"backoff", {{"type", "fixed"}}}});
  CAF_REQUIRE_EQUAL(res.status, 201);
  auto j = res.json();
  CAF_CHECK_EQUAL(j["priority"].get<int>(), 0);
  CAF_CHECK_EQUAL(j["max_attempts"].get<int>(), 1);
  CAF_CHECK_EQUAL(j["timeout_ms"].get<int>(), 1234);
  CAF_CHECK_EQUAL(j["backoff"]["type"].get<std::string>(), "fixed");
  CAF_CHECK_EQUAL(j["state"].get<std::string>(), "delayed");
}

CAF_TEST(run_at in the future makes a delayed job due then) {
  auto res = enqueue(
      "cleanup", {{"kind", "stories"}, {"run_at", "2199-01-02T03:04:05.678Z"}});
  CAF_REQUIRE_EQUAL(res.status, 201);
  auto j = res.json();
  CAF_CHECK_EQUAL(j["state"].get<std::string>(), "delayed");
  CAF_CHECK_EQUAL(j["run_at"].get<std::string>(), "2199-01-02T03:04:05.678Z");
}

CAF_TEST(a duplicate unique key answers 200 with the existing job) {
  json body{{"kind", "stories"}, {"unique_key", "k-1"}};
  auto first = enqueue("cleanup", body);
  CAF_REQUIRE_EQUAL(first.status, 201);
  auto second = enqueue("cleanup", body);
  CAF_REQUIRE_EQUAL(second.status, 200);
  CAF_CHECK_EQUAL(second.json()["id"], first.json()["id"]);
  CAF_CHECK_EQUAL(second.json()["created"].get<bool>(), false);
  auto jobs = jobs_repo::list(conn, "cleanup", "", "", 10);
  CAF_CHECK_EQUAL(jobs.size(), 1u);
}

CAF_TEST(an array enqueues many in one request) {
  json body = json::array();
  for (int i = 0; i < 3; ++i)
    body.push_back({{"kind", "stories"}, {"payload", {{"n", i}}}});
  body.push_back({{"kind", "stories"}, {"unique_key", "dup"}});
  body.push_back({{"kind", "stories"}, {"unique_key", "dup"}});
  auto res = enqueue("cleanup", body);
  CAF_REQUIRE_EQUAL(res.status, 201);
  auto items = res.json()["items"];
  CAF_REQUIRE_EQUAL(items.size(), 5u);
  CAF_CHECK_EQUAL(items[1]["payload"]["n"].get<int>(), 1);
  CAF_CHECK_EQUAL(items[3]["created"].get<bool>(), true);
  CAF_CHECK_EQUAL(items[4]["created"].get<bool>(), false);
  CAF_CHECK_EQUAL(items[4]["id"], items[3]["id"]);
  CAF_CHECK_EQUAL(jobs_repo::list(conn, "cleanup", "", "", 10).size(), 4u);
}

CAF_TEST(validation errors name the field) {
  auto missing_kind = enqueue("cleanup", {{"payload", json::object()}});
  CAF_CHECK_EQUAL(missing_kind.status, 400);
  CAF_CHECK(contains(error_message(missing_kind), "kind"));
  auto bad_type = enqueue("cleanup", {{"kind", "x"}, {"priority", "high"}});
  CAF_CHECK_EQUAL(bad_type.status, 400);
  CAF_CHECK_EQUAL(error_code(bad_type), "invalid_request");
  CAF_CHECK(contains(error_message(bad_type), "priority"));
  auto negative = enqueue("cleanup", {{"kind", "x"}, {"delay_ms", -5}});
  CAF_CHECK_EQUAL(negative.status, 422);
  CAF_CHECK(contains(error_message(negative), "delay_ms"));
  auto both = enqueue(
      "cleanup",
      {{"kind", "x"}, {"delay_ms", 5}, {"run_at", "2030-01-01T00:00:00Z"}});
  CAF_CHECK_EQUAL(both.status, 422);
  auto far_future
      = enqueue("cleanup", {{"kind", "x"}, {"run_at", "2999-01-01T00:00:00Z"}});
  CAF_CHECK_EQUAL(far_future.status, 400);
  auto bad_time = enqueue("cleanup", {{"kind", "x"}, {"run_at", "tomorrow"}});
  CAF_CHECK_EQUAL(bad_time.status, 400);
  CAF_CHECK(contains(error_message(bad_time), "run_at"));
  auto bad_backoff
      = enqueue("cleanup", {{"kind", "x"}, {"backoff", {{"type", "linear"}}}});
  CAF_CHECK_EQUAL(bad_backoff.status, 422);
  CAF_CHECK(contains(error_message(bad_backoff), "backoff.type"));
  auto zero_attempts = enqueue("cleanup", {{"kind", "x"}, {"max_attempts", 0}});
  CAF_CHECK_EQUAL(zero_attempts.status, 422);
  auto unknown_field = enqueue("cleanup", {{"kind", "x"}, {"prio", 1}});
  CAF_CHECK_EQUAL(unknown_field.status, 400);
  CAF_CHECK(contains(error_message(unknown_field), "prio"));
  json batch = json::array({{{"kind", "x"}}, {{"kind", 7}}});
  auto in_batch = enqueue("cleanup", batch);
  CAF_CHECK_EQUAL(in_batch.status, 400);
  CAF_CHECK(contains(error_message(in_batch), "jobs[1].kind"));
  auto empty = enqueue("cleanup", json::array());
  CAF_CHECK_EQUAL(empty.status, 422);
  CAF_MESSAGE("nothing of a rejected request was stored");
  CAF_CHECK(jobs_repo::list(conn, "cleanup", "", "", 10).empty());
}

CAF_TEST(malformed JSON unknown queue oversized body and no token) {
  auto malformed = call("POST", "/api/queues/cleanup/jobs", "{\"kind\": ");
  CAF_CHECK_EQUAL(malformed.status, 400);
  CAF_CHECK_EQUAL(error_code(malformed), "invalid_json");
  auto unknown = enqueue("nope", {{"kind", "x"}});
  CAF_CHECK_EQUAL(unknown.status, 404);
  CAF_CHECK_EQUAL(error_code(unknown), "not_found");
  CAF_CHECK_EQUAL(call("GET", "/api/queues/nope/jobs").status, 404);
  CAF_CHECK_EQUAL(call("POST", "/api/queues/nope/pause").status, 404);
  std::string big(300 * 1024, 'x');
  auto oversized = call("POST", "/api/queues/cleanup/jobs",
                        json{{"kind", "x"}, {"payload", big}}.dump());
  CAF_CHECK_EQUAL(oversized.status, 413);
  auto anonymous = http::testing::http_request(port, "GET", "/api/queues");
  CAF_CHECK_EQUAL(anonymous.status, 401);
  CAF_CHECK(jobs_repo::list(conn, "cleanup", "", "", 10).empty());
}

CAF_TEST(get a job and a job that does not exist) {
  auto created = enqueue("cleanup", {{"kind", "stories"}}).json();
  auto id = created["id"].get<std::string>();
  auto res = call("GET", "/api/jobs/" + id);
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto j = res.json();
  CAF_CHECK_EQUAL(j["id"].get<std::string>(), id);
  CAF_CHECK_EQUAL(j["attempts"].get<int>(), 0);
  CAF_CHECK(j["last_error"].is_null());
  CAF_CHECK(j["progress"].is_null());
  CAF_CHECK_EQUAL(call("GET", "/api/jobs/999999").status, 404);
  CAF_CHECK_EQUAL(call("GET", "/api/jobs/not-a-number").status, 404);
}

CAF_TEST(pagination walks 120 jobs with the cursor) {
  json body = json::array();
  for (int i = 0; i < 120; ++i)
    body.push_back({{"kind", "stories"}, {"payload", {{"n", i}}}});
  CAF_REQUIRE_EQUAL(enqueue("cleanup", body).status, 201);
  std::vector<int> seen;
  std::vector<size_t> page_sizes;
  std::string target = "/api/queues/cleanup/jobs?state=waiting";
  for (int pages = 0; pages < 10; ++pages) {
    auto res = call("GET", target);
    CAF_REQUIRE_EQUAL(res.status, 200);
    auto page = res.json();
    page_sizes.push_back(page["items"].size());
    for (auto& j : page["items"])
      seen.push_back(j["payload"]["n"].get<int>());
    if (page["next_cursor"].is_null()) break;
    target = "/api/queues/cleanup/jobs?state=waiting&cursor="
             + page["next_cursor"].get<std::string>();
  }
  CAF_CHECK_EQUAL(page_sizes, (std::vector<size_t>{50, 50, 20}));
  CAF_REQUIRE_EQUAL(seen.size(), 120u);
  for (int i = 0; i < 120; ++i)
    CAF_CHECK_EQUAL(seen[static_cast<size_t>(i)], i);
  auto small = call("GET", "/api/queues/cleanup/jobs?limit=7").json();
  CAF_CHECK_EQUAL(small["items"].size(), 7u);
  auto capped = call("GET", "/api/queues/cleanup/jobs?limit=1000").json();
  CAF_CHECK_EQUAL(capped["items"].size(), 100u);
  auto none = call("GET", "/api/queues/cleanup/jobs?state=dead").json();
  CAF_CHECK(none["items"].empty());
  CAF_CHECK(none["next_cursor"].is_null());
  CAF_CHECK_EQUAL(call("GET", "/api/queues/cleanup/jobs?state=bogus").status,
                  400);
  CAF_CHECK_EQUAL(call("GET", "/api/queues/cleanup/jobs?limit=0").status, 400);
  CAF_CHECK_EQUAL(call("GET", "/api/queues/cleanup/jobs?cursor=zz").status,
                  400);
}

CAF_TEST(retry moves a dead job back to waiting and refuses others) {
  auto id = enqueue("cleanup", {{"kind", "stories"}, {"max_attempts", 1}})
                .json()["id"]
                .get<std::string>();
  auto waiting = call("POST", "/api/jobs/" + id + "/retry");
  CAF_CHECK_EQUAL(waiting.status, 409);
  CAF_CHECK_EQUAL(error_code(waiting), "conflict");
  auto claimed
      = jobs_repo::claim(conn, "cleanup", "w1", 1, std::chrono::seconds{30});
  CAF_REQUIRE_EQUAL(claimed.size(), 1u);
  auto dead = jobs_repo::fail(conn, "w1", id, "disk full", std::nullopt);
  CAF_REQUIRE(dead);
  CAF_REQUIRE_EQUAL(dead->state, "dead");
  auto shown = call("GET", "/api/jobs/" + id).json();
  CAF_CHECK_EQUAL(shown["last_error"].get<std::string>(), "disk full");
  CAF_CHECK_EQUAL(shown["attempts"].get<int>(), 1);
  auto res = call("POST", "/api/jobs/" + id + "/retry");
  CAF_REQUIRE_EQUAL(res.status, 200);
  CAF_CHECK_EQUAL(res.json()["state"].get<std::string>(), "waiting");
  CAF_CHECK_EQUAL(res.json()["attempts"].get<int>(), 0);
  CAF_CHECK_EQUAL(call("POST", "/api/jobs/424242/retry").status, 404);
}

CAF_TEST(delete removes a job but not while it is active) {
  auto id = enqueue("cleanup", {{"kind", "stories"}})
                .json()["id"]
                .get<std::string>();
  auto claimed
      = jobs_repo::claim(conn, "cleanup", "w1", 1, std::chrono::seconds{30});
  CAF_REQUIRE_EQUAL(claimed.size(), 1u);
  auto active = call("DELETE", "/api/jobs/" + id);
  CAF_CHECK_EQUAL(active.status, 409);
  CAF_CHECK(jobs_repo::get(conn, id));
  jobs_repo::complete(conn, "w1", {{id, ""}});
  auto res = call("DELETE", "/api/jobs/" + id);
  CAF_CHECK_EQUAL(res.status, 200);
  CAF_CHECK_EQUAL(res.json()["removed"].get<bool>(), true);
  CAF_CHECK(!jobs_repo::get(conn, id));
  CAF_CHECK_EQUAL(call("DELETE", "/api/jobs/" + id).status, 404);
}

CAF_TEST(pause and resume show in the queue list) {
  auto paused = call("POST", "/api/queues/media/pause");
  CAF_REQUIRE_EQUAL(paused.status, 200);
  CAF_CHECK_EQUAL(paused.json()["paused"].get<bool>(), true);
  enqueue("media", {{"kind", "image"}});
  auto list = call("GET", "/api/queues");
  CAF_REQUIRE_EQUAL(list.status, 200);
  std::set<std::string> names;
  auto doc = list.json();
  for (auto& q : doc["items"]) {
    names.insert(q["name"].get<std::string>());
    if (q["name"] == "media") {
      CAF_CHECK_EQUAL(q["paused"].get<bool>(), true);
      CAF_CHECK_EQUAL(q["waiting"].get<int>(), 1);
      CAF_CHECK_EQUAL(q["settings"]["concurrency"].get<int>(), 2);
    }
  }
  CAF_CHECK_EQUAL(names, (std::set<std::string>{"media", "notification",
                                                "cleanup", "broadcast"}));
  CAF_MESSAGE("a paused queue gives no jobs to workers");
  CAF_CHECK(jobs_repo::claim(conn, "media", "w1", 1, std::chrono::seconds{30})
                .empty());
  CAF_REQUIRE_EQUAL(call("POST", "/api/queues/media/resume").status, 200);
  CAF_CHECK_EQUAL(
      jobs_repo::claim(conn, "media", "w1", 1, std::chrono::seconds{30}).size(),
      1u);
}

CAF_TEST(clean removes old jobs of one state) {
  auto done = enqueue("cleanup", {{"kind", "stories"}})
                  .json()["id"]
                  .get<std::string>();
  auto kept = enqueue("cleanup", {{"kind", "stories"}})
                  .json()["id"]
                  .get<std::string>();
  auto claimed
      = jobs_repo::claim(conn, "cleanup", "w1", 1, std::chrono::seconds{30});
  CAF_REQUIRE_EQUAL(claimed.size(), 1u);
  jobs_repo::complete(conn, "w1", {{claimed[0].id, ""}});
  auto res = call("POST", "/api/queues/cleanup/clean",
                  R"({"state": "completed", "older_than_ms": 0})");
  CAF_REQUIRE_EQUAL(res.status, 200);
  CAF_CHECK_EQUAL(res.json()["removed"].get<int>(), 1);
  CAF_CHECK(!jobs_repo::get(conn, claimed[0].id));
  CAF_CHECK_EQUAL(jobs_repo::list(conn, "cleanup", "", "", 10).size(), 1u);
  auto active
      = call("POST", "/api/queues/cleanup/clean", R"({"state": "active"})");
  CAF_CHECK_EQUAL(active.status, 422);
  auto no_state = call("POST", "/api/queues/cleanup/clean", "{}");
  CAF_CHECK_EQUAL(no_state.status, 400);
  CAF_CHECK(!done.empty() && !kept.empty());
}

CAF_TEST_FIXTURE_SCOPE_END()
