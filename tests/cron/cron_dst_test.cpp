#define CAF_SUITE cron.dst
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/cron/cron_schedule.hpp"
#include "tests/cron/cron_test_support.hpp"

// 2026 changes (zdump): Europe/Berlin springs forward 03-29 01:00Z (02:00 CET
// -> 03:00 CEST) and falls back 10-25 01:00Z (03:00 CEST -> 02:00 CET);
// America/New_York springs forward 03-08 07:00Z (02:00 EST -> 03:00 EDT) and
// falls back 11-01 06:00Z (02:00 EDT -> 01:00 EST).

using switchboard::cron::test::fires_backwards;
using switchboard::cron::test::fires_between;
using switchboard::cron::test::iso;
using switchboard::cron::test::next_n;
using switchboard::cron::test::utc;
using strings = std::vector<std::string>;

namespace {

struct local_day {
  const char* zone;
  const char* begin; // local midnight, in UTC
  const char* end;   // the next local midnight, in UTC
};

const local_day berlin_spring{"Europe/Berlin", "2026-03-28 23:00:00",
                              "2026-03-29 22:00:00"};
const local_day berlin_fall{"Europe/Berlin", "2026-10-24 22:00:00",
                            "2026-10-25 23:00:00"};
const local_day new_york_spring{"America/New_York", "2026-03-08 05:00:00",
                                "2026-03-09 04:00:00"};
const local_day new_york_fall{"America/New_York", "2026-11-01 04:00:00",
                              "2026-11-02 05:00:00"};

strings fires_on(const char* expr, const local_day& d) {
  return iso(fires_between(expr, d.zone, utc(d.begin), utc(d.end)));
}

std::size_t count_on(const char* expr, const local_day& d) {
  return fires_on(expr, d).size();
}

} // namespace

CAF_TEST(daily 02 30 in Berlin across spring forward fires once at 03 00) {
  CAF_CHECK_EQUAL(
      next_n("30 2 * * *", "Europe/Berlin", "2026-03-27 12:00:00", 3),
      (strings{"2026-03-28T01:30:00Z",    // 02:30 CET
               "2026-03-29T01:00:00Z",    // 03:00 CEST
               "2026-03-30T00:30:00Z"})); // 02:30 CEST
  CAF_CHECK_EQUAL(fires_on("30 2 * * *", berlin_spring),
                  (strings{"2026-03-29T01:00:00Z"}));
}

CAF_TEST(daily 02 30 in Berlin across fall back fires once at the first) {
  CAF_CHECK_EQUAL(
      next_n("30 2 * * *", "Europe/Berlin", "2026-10-23 12:00:00", 3),
      (strings{"2026-10-24T00:30:00Z",    // 02:30 CEST
               "2026-10-25T00:30:00Z",    // 02:30 CEST, first
               "2026-10-26T01:30:00Z"})); // 02:30 CET
  CAF_CHECK_EQUAL(fires_on("30 2 * * *", berlin_fall),
                  (strings{"2026-10-25T00:30:00Z"}));
}

CAF_TEST(daily 02 30 in New York across spring forward fires at 03 00) {
  CAF_CHECK_EQUAL(
      next_n("30 2 * * *", "America/New_York", "2026-03-06 12:00:00", 3),
      (strings{"2026-03-07T07:30:00Z",    // 02:30 EST
               "2026-03-08T07:00:00Z",    // 03:00 EDT
               "2026-03-09T06:30:00Z"})); // 02:30 EDT
  CAF_CHECK_EQUAL(count_on("30 2 * * *", new_york_spring), 1u);
}

CAF_TEST(New York falls back from 02 00 so 01 30 repeats and 02 30 does not ) {
  CAF_CHECK_EQUAL(
      next_n("30 2 * * *", "America/New_York", "2026-10-30 12:00:00", 3),
      (strings{"2026-10-31T06:30:00Z",    // 02:30 EDT
               "2026-11-01T07:30:00Z",    // 02:30 EST
               "2026-11-02T07:30:00Z"})); // 02:30 EST
  CAF_CHECK_EQUAL(
      next_n("30 1 * * *", "America/New_York", "2026-10-30 12:00:00", 3),
      (strings{"2026-10-31T05:30:00Z",    // 01:30 EDT
               "2026-11-01T05:30:00Z",    // 01:30 EDT, first
               "2026-11-02T06:30:00Z"})); // 01:30 EST
  CAF_CHECK_EQUAL(count_on("30 1 * * *", new_york_fall), 1u);
  CAF_CHECK_EQUAL(count_on("30 2 * * *", new_york_fall), 1u);
}

CAF_TEST(hourly follows the wall clock through both changes in Berlin) {
  CAF_CHECK_EQUAL(next_n("@hourly", "Europe/Berlin", "2026-03-28 23:30:00", 3),
                  (strings{"2026-03-29T00:00:00Z",    // 01:00 CET
                           "2026-03-29T01:00:00Z",    // 03:00 CEST
                           "2026-03-29T02:00:00Z"})); // 04:00 CEST
  CAF_CHECK_EQUAL(next_n("@hourly", "Europe/Berlin", "2026-10-24 23:30:00", 3),
                  (strings{"2026-10-25T00:00:00Z",    // 02:00 CEST
                           "2026-10-25T01:00:00Z",    // 02:00 CET
                           "2026-10-25T02:00:00Z"})); // 03:00 CET
  CAF_CHECK_EQUAL(count_on("0 * * * *", berlin_spring), 23u);
  CAF_CHECK_EQUAL(count_on("0 * * * *", berlin_fall), 25u);
}

CAF_TEST(hourly follows the wall clock through both changes in New York) {
  CAF_CHECK_EQUAL(
      next_n("@hourly", "America/New_York", "2026-03-08 05:30:00", 3),
      (strings{"2026-03-08T06:00:00Z",    // 01:00 EST
               "2026-03-08T07:00:00Z",    // 03:00 EDT
               "2026-03-08T08:00:00Z"})); // 04:00 EDT
  CAF_CHECK_EQUAL(
      next_n("@hourly", "America/New_York", "2026-11-01 04:30:00", 3),
      (strings{"2026-11-01T05:00:00Z",    // 01:00 EDT
               "2026-11-01T06:00:00Z",    // 01:00 EST
               "2026-11-01T07:00:00Z"})); // 02:00 EST
  CAF_CHECK_EQUAL(count_on("0 * * * *", new_york_spring), 23u);
  CAF_CHECK_EQUAL(count_on("0 * * * *", new_york_fall), 25u);
}

CAF_TEST(every 15 minutes counts 92 and 100 on change days) {
  CAF_CHECK_EQUAL(count_on("*/15 * * * *", berlin_spring), 92u);
  CAF_CHECK_EQUAL(count_on("*/15 * * * *", berlin_fall), 100u);
  CAF_CHECK_EQUAL(count_on("*/15 * * * *", new_york_spring), 92u);
  CAF_CHECK_EQUAL(count_on("*/15 * * * *", new_york_fall), 100u);
}

CAF_TEST(skipped fixed times collapse into one firing at the change) {
  CAF_CHECK_EQUAL(fires_on("0,30 2 * * *", berlin_spring),
                  (strings{"2026-03-29T01:00:00Z"}));
  CAF_CHECK_EQUAL(
      next_n("0 2,3 * * *", "Europe/Berlin", "2026-03-28 23:30:00", 2),
      (strings{"2026-03-29T01:00:00Z",    // 02:00 and 03:00
               "2026-03-30T00:00:00Z"})); // 02:00 CEST
}

CAF_TEST(repeated fixed times each fire at their first occurrence) {
  CAF_CHECK_EQUAL(fires_on("0,30 2 * * *", berlin_fall),
                  (strings{"2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z"}));
  // Fixed by the text rule although it names 23 hours: 02:00 fires once.
  auto hours = fires_on("0 1-23 * * *", berlin_fall);
  CAF_REQUIRE_EQUAL(hours.size(), 23u);
  CAF_CHECK_EQUAL(hours.at(0), "2026-10-24T23:00:00Z"); // 01:00 CEST
  CAF_CHECK_EQUAL(hours.at(1), "2026-10-25T00:00:00Z"); // 02:00 CEST
  CAF_CHECK_EQUAL(hours.at(2), "2026-10-25T02:00:00Z"); // 03:00 CET
}

CAF_TEST(a skipped wildcard time does not fire but a fixed one does) {
  auto wildcard = fires_on("5 * * * *", berlin_spring);
  CAF_CHECK_EQUAL(wildcard.size(), 23u);
  CAF_CHECK_EQUAL(wildcard.at(0), "2026-03-28T23:05:00Z"); // 00:05 CET
  CAF_CHECK_EQUAL(wildcard.at(1), "2026-03-29T00:05:00Z"); // 01:05 CET
  CAF_CHECK_EQUAL(wildcard.at(2), "2026-03-29T01:05:00Z"); // 03:05 CEST
  CAF_CHECK_EQUAL(fires_on("5 2 * * *", berlin_spring),
                  (strings{"2026-03-29T01:00:00Z"}));
}

CAF_TEST(a 30 minute change on Lord Howe Island) {
  // 2026-10-04 02:00 +10:30 (15:30Z) becomes 02:30 +11.
  local_day d{"Australia/Lord_Howe", "2026-10-03 13:30:00",
              "2026-10-04 13:00:00"};
  CAF_CHECK_EQUAL(fires_on("15 2 * * *", d), (strings{"2026-10-03T15:30:00Z"}));
  CAF_CHECK_EQUAL(count_on("*/15 * * * *", d), 94u);
}

CAF_TEST(a change at midnight in Santiago) {
  // 2026-09-06 00:00 -04 (04:00Z) becomes 01:00 -03: midnight is skipped.
  CAF_CHECK_EQUAL(
      next_n("@daily", "America/Santiago", "2026-09-04 12:00:00", 3),
      (strings{"2026-09-05T04:00:00Z",    // 00:00 -04
               "2026-09-06T04:00:00Z",    // 01:00 -03
               "2026-09-07T03:00:00Z"})); // 00:00 -03
  // 2026-04-05 00:00 -03 (03:00Z) becomes 23:00 -04 on 04-04: 23:30 twice.
  CAF_CHECK_EQUAL(
      next_n("30 23 * * *", "America/Santiago", "2026-04-03 12:00:00", 2),
      (strings{"2026-04-04T02:30:00Z",    // 04-03 23:30 -03
               "2026-04-05T02:30:00Z"})); // 04-04 23:30 -03
}

CAF_TEST(previous_fire walks back through the same firings on change days) {
  for (auto d : {berlin_spring, berlin_fall, new_york_spring, new_york_fall}) {
    for (auto expr : {"30 2 * * *", "30 1 * * *", "0 * * * *", "*/15 * * * *",
                      "0,30 2 * * *", "0 2,3 * * *", "5 * * * *",
                      "0 1-23 * * *", "*/20 30 1,2 * * *"}) {
      CAF_MESSAGE(d.zone << " " << d.begin << " " << expr);
      auto begin = utc(d.begin);
      auto end = utc(d.end);
      CAF_CHECK_EQUAL(iso(fires_backwards(expr, d.zone, begin, end)),
                      iso(fires_between(expr, d.zone, begin, end)));
    }
  }
}
