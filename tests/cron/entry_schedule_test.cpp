#define CAF_SUITE cron.entry_schedule
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/cron/entry_schedule.hpp"
#include "messages/error.hpp"
#include "tests/cron/cron_test_support.hpp"

using namespace switchboard;
using namespace switchboard::cron;
using switchboard::cron::test::iso;
using switchboard::cron::test::utc;
using strings = std::vector<std::string>;

namespace {

cron_entry def(const char* name, const char* expression,
               missed_policy missed = skip_missed()) {
  cron_entry e;
  e.name = name;
  e.expression = expression;
  e.zone = "Europe/Berlin";
  e.queue = "cleanup";
  e.kind = name;
  e.payload = R"({"type":"x"})";
  e.missed = missed;
  return e;
}

entry_schedule compiled(const cron_entry& d) {
  auto e = compile_entry(d);
  if (!e) CAF_FAIL("does not compile: " << render(e.error()));
  return std::move(*e);
}

} // namespace

CAF_TEST(a table with a bad expression zone or duplicate name is refused) {
  CAF_CHECK(!compile_table({def("a", "61 * * * *")}));
  auto bad_zone = def("a", "@hourly");
  bad_zone.zone = "Mars/Olympus";
  CAF_CHECK(!compile_table({bad_zone}));
  CAF_CHECK(!compile_table({def("a", "@hourly"), def("a", "@daily")}));
  auto no_queue = def("a", "@hourly");
  no_queue.queue.clear();
  CAF_CHECK(!compile_table({no_queue}));
  auto ok = compile_table({def("a", "@hourly"), def("b", "@daily")});
  CAF_REQUIRE(ok);
  CAF_CHECK_EQUAL(ok->size(), 2u);
}

CAF_TEST(firing jobs carry the entry s unique key and fire time) {
  auto fires = std::vector<instant>{utc("2026-03-29 01:00:00")};
  auto jobs = firing_jobs(def("stories", "30 2 * * *"), fires);
  CAF_REQUIRE_EQUAL(jobs.size(), 1u);
  CAF_CHECK_EQUAL(jobs[0].unique_key, "cron-stories-2026-03-29T01:00:00Z");
  CAF_CHECK_EQUAL(jobs[0].queue, "cleanup");
  CAF_CHECK_EQUAL(jobs[0].kind, "stories");
  CAF_CHECK_EQUAL(jobs[0].payload, R"({"type":"x"})");
  auto run_at = jobs[0].run_at;
  CAF_REQUIRE(run_at);
  CAF_CHECK_EQUAL(iso(instant{*run_at}), "2026-03-29T01:00:00Z");
}

CAF_TEST(resume without a record waits for the next firing) {
  auto e = compiled(def("a", "30 2 * * *"));
  resume(e, std::nullopt, utc("2026-03-28 12:00:00"));
  CAF_CHECK(e.pending.empty());
  // Spring forward in Berlin: 02:30 does not exist and fires at 03:00 CEST.
  CAF_CHECK_EQUAL(iso(e.next), "2026-03-29T01:00:00Z");
}

CAF_TEST(a late timer hands the extra firings to the missed policy) {
  auto e = compiled(def("a", "*/5 * * * *", run_all_missed(2)));
  resume(e, std::nullopt, utc("2026-03-10 10:59:00"));
  CAF_CHECK(!advance(e, utc("2026-03-10 10:59:59")));
  CAF_CHECK(advance(e, utc("2026-03-10 11:17:00")));
  CAF_CHECK_EQUAL(iso(e.pending),
                  (strings{"2026-03-10T11:00:00Z", "2026-03-10T11:10:00Z",
                           "2026-03-10T11:15:00Z"}));
  CAF_CHECK_EQUAL(iso(e.next), "2026-03-10T11:20:00Z");
}

CAF_TEST(an enqueue takes every pending firing and a success records it) {
  auto e = compiled(def("a", "@hourly", run_all_missed(5)));
  resume(e, utc("2026-03-10 07:00:00"), utc("2026-03-10 09:30:00"));
  CAF_CHECK_EQUAL(start_enqueue(e).size(), 2u);
  CAF_MESSAGE("nothing more while one is in flight");
  CAF_CHECK(start_enqueue(e).empty());
  CAF_CHECK(advance(e, utc("2026-03-10 10:00:00")));
  enqueue_succeeded(e);
  CAF_CHECK_EQUAL(iso(e.last_fired), "2026-03-10T09:00:00Z");
  CAF_CHECK_EQUAL(iso(e.pending), strings{"2026-03-10T10:00:00Z"});
}

CAF_TEST(a failed enqueue keeps the firings and counts the failure) {
  auto e = compiled(def("a", "@hourly", run_missed_once()));
  resume(e, utc("2026-03-10 07:00:00"), utc("2026-03-10 09:30:00"));
  CAF_CHECK_EQUAL(start_enqueue(e).size(), 1u);
  enqueue_failed(e, "db_unavailable");
  CAF_CHECK_EQUAL(e.failures, 1u);
  CAF_CHECK_EQUAL(iso(e.pending), strings{"2026-03-10T09:00:00Z"});
  CAF_CHECK_EQUAL(start_enqueue(e).size(), 1u);
  enqueue_succeeded(e);
  CAF_CHECK_EQUAL(e.failures, 0u);
  CAF_CHECK(e.last_error.empty());
  auto s = status_of(e);
  CAF_CHECK_EQUAL(s.missed, "run_once");
  CAF_CHECK_EQUAL(s.zone, "Europe/Berlin");
  CAF_CHECK(s.pending.empty());
}
