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
