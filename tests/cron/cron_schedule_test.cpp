#define CAF_SUITE cron.schedule
#include <chrono>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/cron/cron_schedule.hpp"
#include "tests/cron/cron_test_support.hpp"

using namespace std::chrono_literals;
using switchboard::cron::find_zone;
using switchboard::cron::next_fire;
using switchboard::cron::next_fires;
using switchboard::cron::previous_fire;
using switchboard::cron::test::cron;
using switchboard::cron::test::fires_backwards;
using switchboard::cron::test::fires_between;
using switchboard::cron::test::iso;
using switchboard::cron::test::next_n;
using switchboard::cron::test::utc;
using switchboard::cron::test::zone;
using strings = std::vector<std::string>;

CAF_TEST(every 15 minutes) {
  CAF_CHECK_EQUAL(next_n("*/15 * * * *", "UTC", "2026-03-10 10:07:30", 4),
                  (strings{"2026-03-10T10:15:00Z", "2026-03-10T10:30:00Z",
                           "2026-03-10T10:45:00Z", "2026-03-10T11:00:00Z"}));
}

CAF_TEST(the next firing is strictly after the given instant) {
  auto e = cron("*/15 * * * *");
  auto& z = zone("UTC");
  CAF_CHECK_EQUAL(iso(next_fire(e, z, utc("2026-03-10 10:15:00"))),
                  "2026-03-10T10:30:00Z");
  CAF_CHECK_EQUAL(iso(next_fire(e, z, utc("2026-03-10 10:14:59.999"))),
                  "2026-03-10T10:15:00Z");
  CAF_CHECK_EQUAL(iso(next_fire(e, z, utc("2026-03-10 10:15:00.001"))),
                  "2026-03-10T10:30:00Z");
}

CAF_TEST(hourly across midnight and the year end) {
  CAF_CHECK_EQUAL(next_n("@hourly", "UTC", "2026-12-31 22:30:00", 3),
                  (strings{"2026-12-31T23:00:00Z", "2027-01-01T00:00:00Z",
                           "2027-01-01T01:00:00Z"}));
}

CAF_TEST(every 6 hours) {
  CAF_CHECK_EQUAL(next_n("0 */6 * * *", "UTC", "2026-03-10 05:59:59", 3),
                  (strings{"2026-03-10T06:00:00Z", "2026-03-10T12:00:00Z",
                           "2026-03-10T18:00:00Z"}));
}

CAF_TEST(the 31st skips short months) {
  CAF_CHECK_EQUAL(next_n("0 0 31 * *", "UTC", "2026-01-31 00:00:00", 5),
                  (strings{"2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z",
                           "2026-07-31T00:00:00Z", "2026-08-31T00:00:00Z",
                           "2026-10-31T00:00:00Z"}));
}

CAF_TEST(february 29 waits for leap years) {
  CAF_CHECK_EQUAL(next_n("0 0 29 2 *", "UTC", "2026-01-01 00:00:00", 2),
                  (strings{"2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"}));
  // 2100 is not a leap year: eight years between firings.
  CAF_CHECK_EQUAL(next_n("0 0 29 2 *", "UTC", "2096-03-01 00:00:00", 1),
                  (strings{"2104-02-29T00:00:00Z"}));
}

CAF_TEST(an expression that never fires ends the search) {
  for (auto expr : {"0 0 30 2 *", "0 0 31 4,6,9,11 *", "0 0 30,31 2 *"}) {
    CAF_MESSAGE(expr);
    CAF_CHECK(!next_fire(cron(expr), zone("UTC"), utc("2026-01-01 00:00:00")));
    CAF_CHECK(!next_fire(cron(expr), zone("Europe/Berlin"),
                         utc("2026-01-01 00:00:00")));
    CAF_CHECK(!previous_fire(cron(expr), zone("America/New_York"),
                             utc("2026-01-01 00:00:00")));
    CAF_CHECK(next_fires(cron(expr), zone("UTC"), utc("2026-01-01 00:00:00"), 5)
                  .empty());
  }
}

CAF_TEST(day of month or day of week when both are restricted) {
  // March 2026: Fridays 6, 13, 20, 27; April: Fridays 3, 10, 17, 13 a Monday.
  CAF_CHECK_EQUAL(next_n("0 0 13 * 5", "UTC", "2026-03-01 00:00:00", 8),
                  (strings{"2026-03-06T00:00:00Z", "2026-03-13T00:00:00Z",
                           "2026-03-20T00:00:00Z", "2026-03-27T00:00:00Z",
                           "2026-04-03T00:00:00Z", "2026-04-10T00:00:00Z",
                           "2026-04-13T00:00:00Z", "2026-04-17T00:00:00Z"}));
}

CAF_TEST(a starred day of month with a step needs both days) {
  CAF_CHECK_EQUAL(next_n("0 0 */10 * 1", "UTC", "2026-01-01 00:00:00", 4),
                  (strings{"2026-05-11T00:00:00Z", "2026-06-01T00:00:00Z",
                           "2026-08-31T00:00:00Z", "2026-09-21T00:00:00Z"}));
}

CAF_TEST(sundays by number name and weekly macro) {
  strings sundays{"2026-03-08T00:00:00Z", "2026-03-15T00:00:00Z",
                  "2026-03-22T00:00:00Z"};
  for (auto expr : {"0 0 * * 0", "0 0 * * 7", "0 0 * * SUN", "@weekly"}) {
    CAF_MESSAGE(expr);
    CAF_CHECK_EQUAL(next_n(expr, "UTC", "2026-03-01 00:00:00", 3), sundays);
  }
}

CAF_TEST(weekdays only) {
  CAF_CHECK_EQUAL(next_n("30 9 * * MON-FRI", "UTC", "2026-03-06 10:00:00", 2),
                  (strings{"2026-03-09T09:30:00Z", "2026-03-10T09:30:00Z"}));
}

CAF_TEST(monthly and yearly) {
  CAF_CHECK_EQUAL(next_n("@monthly", "UTC", "2026-01-15 00:00:00", 2),
                  (strings{"2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"}));
  CAF_CHECK_EQUAL(next_n("@yearly", "UTC", "2026-01-01 00:00:00", 2),
                  (strings{"2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"}));
}

CAF_TEST(the seconds field) {
  CAF_CHECK_EQUAL(next_n("*/20 * * * * *", "UTC", "2026-03-10 10:00:05", 3),
                  (strings{"2026-03-10T10:00:20Z", "2026-03-10T10:00:40Z",
                           "2026-03-10T10:01:00Z"}));
  CAF_CHECK_EQUAL(next_n("30 0 12 * * *", "UTC", "2026-03-10 12:00:30", 2),
                  (strings{"2026-03-11T12:00:30Z", "2026-03-12T12:00:30Z"}));
}

CAF_TEST(a time of day in a zone without DST) {
  CAF_CHECK_EQUAL(next_n("0 9 * * *", "Asia/Tokyo", "2026-03-10 00:00:00", 2),
                  (strings{"2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z"}));
}

CAF_TEST(previews of zero firings are empty) {
  CAF_CHECK(
      next_fires(cron("* * * * *"), zone("UTC"), utc("2026-01-01 00:00:00"), 0)
          .empty());
}

CAF_TEST(previous_fire is at or before the given instant) {
  auto e = cron("*/15 * * * *");
  auto& z = zone("UTC");
  CAF_CHECK_EQUAL(iso(previous_fire(e, z, utc("2026-03-10 10:15:00"))),
                  "2026-03-10T10:15:00Z");
  CAF_CHECK_EQUAL(iso(previous_fire(e, z, utc("2026-03-10 10:14:59.999"))),
                  "2026-03-10T10:00:00Z");
  CAF_CHECK_EQUAL(
      iso(previous_fire(cron("0 0 29 2 *"), z, utc("2026-01-01 00:00:00"))),
      "2024-02-29T00:00:00Z");
}

CAF_TEST(previous_fire walks back through the same firings) {
  auto begin = utc("2026-01-01 00:00:00");
  auto end = utc("2026-04-01 00:00:00");
  for (auto expr : {"0 0 13 * 5", "0 0 31 * *", "@weekly", "0 */6 * * *",
                    "30 0 12 1,15 * *", "0 0 */10 * 1"}) {
    CAF_MESSAGE(expr);
    CAF_CHECK_EQUAL(iso(fires_backwards(expr, "UTC", begin, end)),
                    iso(fires_between(expr, "UTC", begin, end)));
  }
}

CAF_TEST(find_zone knows IANA names only) {
  CAF_CHECK(find_zone("Europe/Berlin") != nullptr);
  CAF_CHECK(find_zone("UTC") != nullptr);
  CAF_CHECK(find_zone("Mars/Olympus_Mons") == nullptr);
}
