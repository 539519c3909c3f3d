#define CAF_SUITE io.rfc3339
#include "io/rfc3339.hpp"

#include "caf/test/unit_test.hpp"

using namespace std::chrono;
using switchboard::io::format_rfc3339_ms;

CAF_TEST(times format as UTC with milliseconds) {
  CAF_CHECK_EQUAL(format_rfc3339_ms(system_clock::time_point{}),
                  "1970-01-01T00:00:00.000Z");
  CAF_CHECK_EQUAL(format_rfc3339_ms(system_clock::time_point{
                      milliseconds{1'795'456'800'007}}),
                  "2026-11-23T18:00:00.007Z");
  CAF_CHECK_EQUAL(format_rfc3339_ms(system_clock::time_point{
                      microseconds{1'795'456'800'999'999}}),
                  "2026-11-23T18:00:00.999Z");
  CAF_CHECK_EQUAL(format_rfc3339_ms(system_clock::time_point{milliseconds{-1}}),
                  "1969-12-31T23:59:59.999Z");
}

CAF_TEST(RFC 3339 times parse with offsets and milliseconds) {
  using switchboard::io::parse_rfc3339;
  auto utc = parse_rfc3339("2026-11-23T18:00:00.007Z");
  CAF_REQUIRE(utc);
  CAF_CHECK_EQUAL(format_rfc3339_ms(*utc), "2026-11-23T18:00:00.007Z");
  auto offset = parse_rfc3339("2026-11-23t19:30:00+01:30");
  CAF_REQUIRE(offset);
  CAF_CHECK_EQUAL(format_rfc3339_ms(*offset), "2026-11-23T18:00:00.000Z");
  CAF_CHECK(!parse_rfc3339("2026-11-23 18:00:00Z"));
  CAF_CHECK(!parse_rfc3339("2026-11-23T18:00:00"));
  CAF_CHECK(!parse_rfc3339("2026-11-23T18:00:00Zjunk"));
  CAF_CHECK(!parse_rfc3339("tomorrow"));
  CAF_CHECK(!parse_rfc3339(""));
  CAF_MESSAGE("beyond what system_clock holds");
  CAF_CHECK(!parse_rfc3339("2999-01-01T00:00:00Z"));
}
