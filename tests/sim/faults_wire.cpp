#define CAF_SUITE sim.faults_wire
#include <thread>

#include "caf/test/unit_test.hpp"

#include "tests/sim/sim_fixture.hpp"

using namespace switchboard::sim;
using namespace switchboard::sim::testing;
using nlohmann::json;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr platform x = platform::twitter;
const std::string mentions = "/2/users/42/mentions";

fault_rule rule(fault_kind kind, std::string account = "42") {
  fault_rule r;
  r.kind = kind;
  r.account = std::move(account);
  r.count = 1;
  return r;
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(faults_wire_tests, sim_fixture)

CAF_TEST(rate_limit answers 429 with the reset time and holds the window) {
  start({x});
  auto r = rule(fault_kind::rate_limit);
  r.reset_after_ms = 120'000;
  sims->twitter().add_fault(r);
  auto limited = get(x, mentions, bearer());
  CAF_CHECK_EQUAL(limited.status, 429);
  CAF_CHECK_EQUAL(limited.header("x-rate-limit-remaining"), "0");
  auto now_s = std::chrono::duration_cast<std::chrono::seconds>(
                   sims->twitter().now().time_since_epoch())
                   .count();
  auto reset = std::stoll(limited.header("x-rate-limit-reset"));
  CAF_CHECK_GREATER_OR_EQUAL(reset, now_s + 119);
  CAF_CHECK_LESS_OR_EQUAL(reset, now_s + 120);
  // The fault is spent, but the window stays exhausted until the reset.
  CAF_CHECK_EQUAL(get(x, mentions, bearer()).status, 429);
  sims->twitter().advance_clock(std::chrono::seconds{121});
  CAF_CHECK_EQUAL(get(x, mentions, bearer()).status, 200);
  auto stats = sims->twitter().stats();
  CAF_CHECK_EQUAL(stats.account("42").errors_injected, 1u);
  CAF_CHECK_EQUAL(stats.account("42").rate_limited, 1u);
  CAF_CHECK_EQUAL(stats.errors_by_kind.at("rate_limit"), 1u);
}

CAF_TEST(server_error revoked and malformed answer as configured) {
  start({x});
  auto five = rule(fault_kind::server_error);
  five.status = 503;
  sims->twitter().add_fault(five);
  sims->twitter().add_fault(rule(fault_kind::revoked));
  sims->twitter().add_fault(rule(fault_kind::malformed));
  auto a = get(x, mentions, bearer());
  CAF_CHECK_EQUAL(a.status, 503);
  CAF_CHECK_EQUAL(a.json()["status"].get<int>(), 503);
  CAF_CHECK_EQUAL(get(x, mentions, bearer()).status, 401);
  auto bad = get(x, mentions, bearer());
  CAF_CHECK_EQUAL(bad.status, 200);
  CAF_CHECK(bad.json().is_discarded());
  CAF_CHECK_EQUAL(get(x, mentions, bearer()).status, 200);
}

CAF_TEST(reset closes the connection without an answer) {
  start({x});
  sims->twitter().add_fault(rule(fault_kind::reset));
  auto res = get(x, mentions, bearer());
  CAF_CHECK_EQUAL(res.status, 0);
  CAF_CHECK_EQUAL(res.failure.substr(0, 5), "read:");
  CAF_CHECK_EQUAL(get(x, mentions, bearer()).status, 200);
}

CAF_TEST(hang keeps the request open until the client gives up) {
  start({x});
  auto r = rule(fault_kind::hang);
  r.delay_ms = 5000;
  sims->twitter().add_fault(r);
  auto started = clock_type::now();
  test_connection conn{port(x), 300ms};
  auto res = conn.request("GET", mentions, {}, bearer());
  CAF_CHECK_EQUAL(res.status, 0);
  CAF_CHECK_GREATER_OR_EQUAL(clock_type::now() - started, 300ms);
  // The simulator still holds it: one request in flight.
  CAF_CHECK_EQUAL(sims->twitter().stats().account("42").concurrent, 1u);
}

CAF_TEST(slow answers late and counts concurrent requests) {
  start({x});
  auto r = rule(fault_kind::slow);
  r.count = 5;
  r.delay_ms = 400;
  sims->twitter().add_fault(r);
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  auto started = clock_type::now();
  for (int i = 0; i < 5; ++i)
    clients.emplace_back([&] {
      if (get(x, mentions, bearer()).status == 200) ++ok;
    });
  for (auto& t : clients)
    t.join();
  CAF_CHECK_EQUAL(ok.load(), 5);
  CAF_CHECK_GREATER_OR_EQUAL(clock_type::now() - started, 400ms);
  auto stats = sims->twitter().stats().account("42");
  CAF_CHECK_EQUAL(stats.max_concurrent, 5u);
  CAF_CHECK_EQUAL(stats.concurrent, 0u);
  CAF_CHECK_EQUAL(stats.errors_injected, 5u);
}

CAF_TEST(a global fault with a count hits any account that many times) {
  start({x});
  auto r = rule(fault_kind::server_error, "");
  r.count = 2;
  sims->twitter().add_fault(r);
  CAF_CHECK_EQUAL(get(x, "/2/users/1/mentions", bearer()).status, 500);
  CAF_CHECK_EQUAL(get(x, "/2/users/2/mentions", bearer()).status, 500);
  CAF_CHECK_EQUAL(get(x, "/2/users/3/mentions", bearer()).status, 200);
  CAF_CHECK_EQUAL(sims->twitter().stats().total.errors_injected, 2u);
}

CAF_TEST(faults and counters over the control routes) {
  start({x});
  auto added = post(x, "/_sim/faults",
                    R"([{"kind":"server_error","account":"42","count":1},
                        {"kind":"slow","account":"7","delay_ms":10}])");
  CAF_REQUIRE_EQUAL(added.status, 200);
  CAF_CHECK_EQUAL(added.json()["faults"].size(), 2u);
  CAF_CHECK_EQUAL(get(x, mentions, bearer()).status, 500);
  CAF_CHECK_EQUAL(get(x, "/2/users/7/mentions", bearer()).status, 200);
  auto stats = get(x, "/_sim/stats").json();
  CAF_CHECK_EQUAL(stats["platform"], "twitter");
  CAF_CHECK_EQUAL(stats["requests"].get<int>(), 2);
  CAF_CHECK_EQUAL(stats["errors_injected"].get<int>(), 2);
  CAF_CHECK_EQUAL(stats["errors_by_kind"]["server_error"].get<int>(), 1);
  CAF_CHECK_EQUAL(stats["accounts"]["42"]["requests"].get<int>(), 1);
  auto one = get(x, "/_sim/stats?account=7").json();
  CAF_CHECK_EQUAL(one["accounts"].size(), 1u);
  CAF_CHECK_EQUAL(one["accounts"]["7"]["max_concurrent"].get<int>(), 1);
  CAF_CHECK(!get(x, "/_sim/stats?accounts=false").json().contains("accounts"));
  auto bad = post(x, "/_sim/faults", R"({"kind":"meteor"})");
  CAF_CHECK_EQUAL(bad.status, 400);
  CAF_CHECK_EQUAL(bad.json()["error"]["code"].get<std::string>(),
                  "invalid_fault");
  CAF_CHECK_EQUAL(post(x, "/_sim/reset", "").status, 200);
  auto after = get(x, "/_sim/stats").json();
  CAF_CHECK_EQUAL(after["requests"].get<int>(), 0);
  CAF_CHECK(after["accounts"].empty());
  CAF_CHECK(get(x, "/_sim/faults").json()["faults"].empty());
  auto clock = post(x, "/_sim/clock", R"({"advance_ms":60000})").json();
  CAF_CHECK_GREATER_OR_EQUAL(clock["now_ms"].get<int64_t>()
                                 - clock["started_ms"].get<int64_t>(),
                             60'000);
  CAF_CHECK_EQUAL(post(x, "/_sim/clock", R"({"advance_ms":-1})").status, 400);
}

CAF_TEST_FIXTURE_SCOPE_END()
