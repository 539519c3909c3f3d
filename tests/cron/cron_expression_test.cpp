#define CAF_SUITE cron.expression
#include "caf/test/unit_test.hpp"

#include "actors/cron/cron_expression.hpp"
#include "tests/cron/cron_test_support.hpp"

using switchboard::cron::day_matches;
using switchboard::cron::test::cron;

namespace {

/// The set bits of a field, as "1,6,11" for readable checks.
template <size_t N>
std::string values(const std::bitset<N>& bits) {
  std::string out;
  for (size_t i = 0; i < N; ++i)
    if (bits[i]) out += (out.empty() ? "" : ",") + std::to_string(i);
  return out;
}

} // namespace

CAF_TEST(five fields fire at second 0) {
  auto e = cron("*/15 * * * *");
  CAF_CHECK_EQUAL(values(e.seconds), "0");
  CAF_CHECK_EQUAL(values(e.minutes), "0,15,30,45");
  CAF_CHECK_EQUAL(e.hours.count(), 24u);
  CAF_CHECK_EQUAL(e.days_of_month.count(), 31u);
  CAF_CHECK(!e.days_of_month[0]);
  CAF_CHECK_EQUAL(values(e.months), "1,2,3,4,5,6,7,8,9,10,11,12");
  CAF_CHECK_EQUAL(values(e.days_of_week), "0,1,2,3,4,5,6");
}

CAF_TEST(ranges steps and lists) {
  CAF_CHECK_EQUAL(values(cron("1-30/5 * * * *").minutes), "1,6,11,16,21,26");
  CAF_CHECK_EQUAL(values(cron("1,2,5-7 * * * *").minutes), "1,2,5,6,7");
  CAF_CHECK_EQUAL(values(cron("0 */6 * * *").hours), "0,6,12,18");
  CAF_CHECK_EQUAL(values(cron("0 8-18/4,22 * * *").hours), "8,12,16,22");
  CAF_CHECK_EQUAL(values(cron("0 0 */10 * *").days_of_month), "1,11,21,31");
  CAF_CHECK_EQUAL(values(cron("0 0 1 */3 *").months), "1,4,7,10");
}

CAF_TEST(a lone start with a step runs to the end of the field) {
  CAF_CHECK_EQUAL(values(cron("5/15 * * * *").minutes), "5,20,35,50");
  CAF_CHECK_EQUAL(values(cron("0 20/2 * * *").hours), "20,22");
}

CAF_TEST(month names in any case) {
  CAF_CHECK_EQUAL(values(cron("0 0 1 jan,Mar,DEC *").months), "1,3,12");
  CAF_CHECK_EQUAL(values(cron("0 0 1 JAN-MAR *").months), "1,2,3");
  CAF_CHECK_EQUAL(values(cron("0 0 1 feb-12/2 *").months), "2,4,6,8,10,12");
}

CAF_TEST(weekday names and both Sundays) {
  CAF_CHECK_EQUAL(values(cron("0 0 * * MON-FRI").days_of_week), "1,2,3,4,5");
  CAF_CHECK_EQUAL(values(cron("0 0 * * sun").days_of_week), "0");
  CAF_CHECK_EQUAL(values(cron("0 0 * * 7").days_of_week), "0");
  CAF_CHECK_EQUAL(values(cron("0 0 * * 5-7").days_of_week), "0,5,6");
  CAF_CHECK_EQUAL(values(cron("0 0 * * Sat,Sun").days_of_week), "0,6");
  CAF_CHECK(cron("0 0 * * 0") == cron("0 0 * * 7"));
}

CAF_TEST(six fields start with seconds) {
  auto e = cron("*/20 30 2 * * *");
  CAF_CHECK_EQUAL(values(e.seconds), "0,20,40");
  CAF_CHECK_EQUAL(values(e.minutes), "30");
  CAF_CHECK_EQUAL(values(e.hours), "2");
  CAF_CHECK(cron("0 30 2 * * *") == cron("30 2 * * *"));
}

CAF_TEST(macros expand to their five fields) {
  CAF_CHECK(cron("@yearly") == cron("0 0 1 1 *"));
  CAF_CHECK(cron("@annually") == cron("0 0 1 1 *"));
  CAF_CHECK(cron("@monthly") == cron("0 0 1 * *"));
  CAF_CHECK(cron("@weekly") == cron("0 0 * * 0"));
  CAF_CHECK(cron("@daily") == cron("0 0 * * *"));
  CAF_CHECK(cron("@midnight") == cron("0 0 * * *"));
  CAF_CHECK(cron("@hourly") == cron("0 * * * *"));
  CAF_CHECK(cron("@Daily") == cron("@daily"));
  CAF_CHECK(cron(" @HOURLY ") == cron("@hourly"));
}

CAF_TEST(fields split on any run of blanks) {
  CAF_CHECK(cron("  0  0\t* *   *  ") == cron("0 0 * * *"));
}

CAF_TEST(wildcard time follows the text of the time fields) {
  CAF_CHECK(!cron("30 2 * * *").wildcard_time);
  CAF_CHECK(!cron("0,30 2 * * *").wildcard_time);
  CAF_CHECK(!cron("0 1-23 * * *").wildcard_time);
  CAF_CHECK(!cron("@daily").wildcard_time);
  CAF_CHECK(!cron("@weekly").wildcard_time);
  CAF_CHECK(!cron("0 30 2 * * *").wildcard_time);
  CAF_CHECK(cron("*/15 * * * *").wildcard_time);
  CAF_CHECK(cron("5 * * * *").wildcard_time);
  CAF_CHECK(cron("0 */6 * * *").wildcard_time);
  CAF_CHECK(cron("@hourly").wildcard_time);
  CAF_CHECK(cron("*/10 30 2 * * *").wildcard_time);
}

CAF_TEST(both day fields restricted match either) {
  // 2026-03-13 is a Friday, 2026-03-06 a Friday, 2026-04-13 a Monday.
  auto e = cron("0 0 13 * 5");
  CAF_CHECK(day_matches(e, 13, 3, 5));
  CAF_CHECK(day_matches(e, 6, 3, 5));
  CAF_CHECK(day_matches(e, 13, 4, 1));
  CAF_CHECK(!day_matches(e, 14, 4, 2));
}

CAF_TEST(a day field starting with a star makes both required) {
  auto friday_only = cron("0 0 * * 5");
  CAF_CHECK(day_matches(friday_only, 6, 3, 5));
  CAF_CHECK(!day_matches(friday_only, 13, 4, 1));
  auto the_13th = cron("0 0 13 * *");
  CAF_CHECK(day_matches(the_13th, 13, 4, 1));
  CAF_CHECK(!day_matches(the_13th, 6, 3, 5));
  // crontab(5) tests the first character: "*/10" is a star, so the day must
  // be the 1st, 11th, 21st or 31st AND a Monday.
  auto stepped = cron("0 0 */10 * 1");
  CAF_CHECK(day_matches(stepped, 11, 5, 1));
  CAF_CHECK(!day_matches(stepped, 11, 5, 2));
  CAF_CHECK(!day_matches(stepped, 4, 5, 1));
}

CAF_TEST(a month outside the set never matches) {
  auto e = cron("0 0 13 6 5");
  CAF_CHECK(day_matches(e, 13, 6, 0));
  CAF_CHECK(!day_matches(e, 13, 7, 5));
}
