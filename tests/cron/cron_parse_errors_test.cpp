#define CAF_SUITE cron.parse_errors
#include "caf/test/unit_test.hpp"

#include "actors/cron/cron_expression.hpp"
#include "messages/error.hpp"
#include "tests/cron/cron_test_support.hpp"

using switchboard::cron::parse_cron;
using switchboard::cron::test::parse_error;

CAF_TEST(a failure is invalid_argument) {
  auto e = parse_cron("61 * * * *");
  CAF_REQUIRE(!e);
  CAF_CHECK(e.error() == switchboard::errc::invalid_argument);
}

CAF_TEST(values out of range name the field and the value) {
  CAF_CHECK_EQUAL(parse_error("61 * * * *"),
                  R"(cron: "61 * * * *": minute 61 out of range 0-59)");
  CAF_CHECK_EQUAL(parse_error("60 0 * * * *"),
                  R"(cron: "60 0 * * * *": second 60 out of range 0-59)");
  CAF_CHECK_EQUAL(parse_error("0 24 * * *"),
                  R"(cron: "0 24 * * *": hour 24 out of range 0-23)");
  CAF_CHECK_EQUAL(parse_error("0 0 0 * *"),
                  R"(cron: "0 0 0 * *": day-of-month 0 out of range 1-31)");
  CAF_CHECK_EQUAL(parse_error("0 0 32 * *"),
                  R"(cron: "0 0 32 * *": day-of-month 32 out of range 1-31)");
  CAF_CHECK_EQUAL(parse_error("0 0 1 13 *"),
                  R"(cron: "0 0 1 13 *": month 13 out of range 1-12)");
  CAF_CHECK_EQUAL(parse_error("0 0 * * 8"),
                  R"(cron: "0 0 * * 8": day-of-week 8 out of range 0-7)");
  CAF_CHECK_EQUAL(parse_error("1-99 * * * *"),
                  R"(cron: "1-99 * * * *": minute 99 out of range 0-59)");
  CAF_CHECK_EQUAL(
      parse_error("99999999999999999999 * * * *"),
      R"(cron: "99999999999999999999 * * * *": minute 99999999999999999999 out of range 0-59)");
}

CAF_TEST(tokens that are not values) {
  CAF_CHECK_EQUAL(parse_error("x * * * *"),
                  R"(cron: "x * * * *": minute "x" is not a number)");
  CAF_CHECK_EQUAL(parse_error("5x * * * *"),
                  R"(cron: "5x * * * *": minute "5x" is not a number)");
  CAF_CHECK_EQUAL(parse_error("0 0 MON * *"),
                  R"(cron: "0 0 MON * *": day-of-month "MON" is not a number)");
  CAF_CHECK_EQUAL(
      parse_error("0 0 1 FOO *"),
      R"(cron: "0 0 1 FOO *": month "FOO" is not a number or a name (JAN-DEC))");
  CAF_CHECK_EQUAL(
      parse_error("0 0 * * MONDAY"),
      R"(cron: "0 0 * * MONDAY": day-of-week "MONDAY" is not a number or a name (SUN-SAT))");
  CAF_CHECK_EQUAL(
      parse_error("0 0 * 1 MON-x"),
      R"(cron: "0 0 * 1 MON-x": day-of-week "x" is not a number or a name (SUN-SAT))");
}

CAF_TEST(quartz extensions are refused) {
  CAF_CHECK_EQUAL(parse_error("0 0 L * *"),
                  R"(cron: "0 0 L * *": day-of-month "L" is not a number)");
  CAF_CHECK_EQUAL(parse_error("0 0 15W * *"),
                  R"(cron: "0 0 15W * *": day-of-month "15W" is not a number)");
  CAF_CHECK_EQUAL(parse_error("0 0 ? * 5#3"),
                  R"(cron: "0 0 ? * 5#3": day-of-month "?" is not a number)");
  CAF_CHECK_EQUAL(
      parse_error("0 0 * * 5#3"),
      R"(cron: "0 0 * * 5#3": day-of-week "5#3" is not a number or a name (SUN-SAT))");
}

CAF_TEST(reversed ranges) {
  CAF_CHECK_EQUAL(
      parse_error("30-10 * * * *"),
      R"(cron: "30-10 * * * *": minute range 30-10 is reversed (start after end))");
  CAF_CHECK_EQUAL(
      parse_error("0 0 * * FRI-MON"),
      R"(cron: "0 0 * * FRI-MON": day-of-week range FRI-MON is reversed (start after end))");
}

CAF_TEST(bad steps) {
  CAF_CHECK_EQUAL(parse_error("*/0 * * * *"),
                  R"(cron: "*/0 * * * *": minute step 0 out of range 1-59)");
  CAF_CHECK_EQUAL(parse_error("*/60 * * * *"),
                  R"(cron: "*/60 * * * *": minute step 60 out of range 1-59)");
  CAF_CHECK_EQUAL(parse_error("0 */24 * * *"),
                  R"(cron: "0 */24 * * *": hour step 24 out of range 1-23)");
  CAF_CHECK_EQUAL(parse_error("*/x * * * *"),
                  R"(cron: "*/x * * * *": minute step "x" is not a number)");
  CAF_CHECK_EQUAL(parse_error("*/-1 * * * *"),
                  R"(cron: "*/-1 * * * *": minute step "-1" is not a number)");
  CAF_CHECK_EQUAL(
      parse_error("*/5/2 * * * *"),
      R"(cron: "*/5/2 * * * *": minute "*/5/2" has more than one step)");
}

CAF_TEST(incomplete elements and lists) {
  CAF_CHECK_EQUAL(parse_error("5- * * * *"),
                  R"(cron: "5- * * * *": minute "5-" is incomplete)");
  CAF_CHECK_EQUAL(parse_error("-5 * * * *"),
                  R"(cron: "-5 * * * *": minute "-5" is incomplete)");
  CAF_CHECK_EQUAL(parse_error("*/ * * * *"),
                  R"(cron: "*/ * * * *": minute "*/" is incomplete)");
  CAF_CHECK_EQUAL(parse_error("/5 * * * *"),
                  R"(cron: "/5 * * * *": minute "/5" is incomplete)");
  CAF_CHECK_EQUAL(
      parse_error("1,,2 * * * *"),
      R"(cron: "1,,2 * * * *": minute has an empty list element in "1,,2")");
  CAF_CHECK_EQUAL(
      parse_error("0 1, * * *"),
      R"(cron: "0 1, * * *": hour has an empty list element in "1,")");
  CAF_CHECK_EQUAL(parse_error("*-5 * * * *"),
                  R"(cron: "*-5 * * * *": minute "*" is not a number)");
}

CAF_TEST(field counts) {
  CAF_CHECK_EQUAL(parse_error("* * *"),
                  R"(cron: "* * *": expected 5 or 6 fields, got 3)");
  CAF_CHECK_EQUAL(parse_error("* * * * * * *"),
                  R"(cron: "* * * * * * *": expected 5 or 6 fields, got 7)");
  CAF_CHECK_EQUAL(parse_error("@daily *"),
                  R"(cron: "@daily *": expected 5 or 6 fields, got 2)");
  CAF_CHECK_EQUAL(parse_error(""), R"(cron: "": empty expression)");
  CAF_CHECK_EQUAL(parse_error(" \t "), R"(cron: " 	 ": empty expression)");
}

CAF_TEST(macros) {
  CAF_CHECK_EQUAL(
      parse_error("@fortnightly"),
      R"(cron: "@fortnightly": unknown macro "@fortnightly" (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly))");
  CAF_CHECK_EQUAL(
      parse_error("@reboot"),
      R"(cron: "@reboot": @reboot is not supported (it has no firing time))");
}

CAF_TEST(the error names the first bad field) {
  CAF_CHECK_EQUAL(parse_error("0 25 32 * *"),
                  R"(cron: "0 25 32 * *": hour 25 out of range 0-23)");
}
