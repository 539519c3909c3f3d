#define CAF_SUITE supervision.backoff
#include <chrono>
#include <cstdint>
#include <limits>

#include "caf/test/dsl.hpp"

#include "runtime/supervision/backoff.hpp"

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using switchboard::backoff_policy;
using switchboard::delay;
using switchboard::exponential_backoff;
using switchboard::fixed_backoff;
using switchboard::jitter_mode;

CAF_TEST(exponential doubles from the base up to the cap) {
  auto p = exponential_backoff(1s, 2.0, 5s);
  CAF_CHECK_EQUAL(delay(p, 0, 0.5), milliseconds{1000});
  CAF_CHECK_EQUAL(delay(p, 1, 0.5), milliseconds{2000});
  CAF_CHECK_EQUAL(delay(p, 2, 0.5), milliseconds{4000});
  CAF_CHECK_EQUAL(delay(p, 3, 0.5), milliseconds{5000});
  CAF_CHECK_EQUAL(delay(p, 4, 0.5), milliseconds{5000});
}

CAF_TEST(exponential 1 s 2 s 4 s 8 s below a large cap) {
  auto p = exponential_backoff(1s, 2.0, 30s);
  CAF_CHECK_EQUAL(delay(p, 3, 0.0), milliseconds{8000});
  CAF_CHECK_EQUAL(delay(p, 4, 0.0), milliseconds{16000});
  CAF_CHECK_EQUAL(delay(p, 5, 0.0), milliseconds{30000});
}

CAF_TEST(the seed job backoff is 5 s 10 s 20 s) {
  auto p = exponential_backoff(5s, 2.0, 1h);
  CAF_CHECK_EQUAL(delay(p, 0, 0.0), milliseconds{5000});
  CAF_CHECK_EQUAL(delay(p, 1, 0.0), milliseconds{10000});
  CAF_CHECK_EQUAL(delay(p, 2, 0.0), milliseconds{20000});
}

CAF_TEST(a non integral factor truncates to whole milliseconds) {
  auto p = exponential_backoff(100ms, 1.5, 10s);
  CAF_CHECK_EQUAL(delay(p, 1, 0.0), milliseconds{150});
  CAF_CHECK_EQUAL(delay(p, 2, 0.0), milliseconds{225});
  CAF_CHECK_EQUAL(delay(p, 3, 0.0), milliseconds{337});
}

CAF_TEST(fixed is the same on every attempt) {
  auto p = fixed_backoff(3s);
  CAF_CHECK_EQUAL(delay(p, 0, 0.0), milliseconds{3000});
  CAF_CHECK_EQUAL(delay(p, 1, 0.0), milliseconds{3000});
  CAF_CHECK_EQUAL(delay(p, 1000, 0.0), milliseconds{3000});
}

CAF_TEST(full jitter draws from zero to just under the delay) {
  auto p = exponential_backoff(1s, 2.0, 30s, jitter_mode::full);
  CAF_CHECK_EQUAL(delay(p, 2, 0.0), milliseconds{0});
  CAF_CHECK_EQUAL(delay(p, 2, 0.5), milliseconds{2000});
  auto high = delay(p, 2, 0.999);
  CAF_CHECK_LESS(high, milliseconds{4000});
  CAF_CHECK_GREATER_OR_EQUAL(high, milliseconds{3995});
}

CAF_TEST(equal jitter keeps half and draws the other half) {
  auto p = exponential_backoff(1s, 2.0, 30s, jitter_mode::equal);
  CAF_CHECK_EQUAL(delay(p, 2, 0.0), milliseconds{2000});
  CAF_CHECK_EQUAL(delay(p, 2, 0.5), milliseconds{3000});
  auto high = delay(p, 2, 0.999);
  CAF_CHECK_LESS(high, milliseconds{4000});
  CAF_CHECK_GREATER_OR_EQUAL(high, milliseconds{3995});
}

CAF_TEST(jitter applies to fixed delays too) {
  auto p = fixed_backoff(2s, jitter_mode::full);
  CAF_CHECK_EQUAL(delay(p, 7, 0.25), milliseconds{500});
}

CAF_TEST(huge attempts stay at the cap without overflow) {
  auto p = exponential_backoff(1s, 2.0, 30s);
  CAF_CHECK_EQUAL(delay(p, 1000, 0.0), milliseconds{30000});
  CAF_CHECK_EQUAL(delay(p, std::numeric_limits<uint32_t>::max(), 0.0),
                  milliseconds{30000});
  auto steep = exponential_backoff(1s, 1e300, 1h, jitter_mode::full);
  CAF_CHECK_EQUAL(delay(steep, 1000, 0.5), milliseconds{1800000});
}

CAF_TEST(a factor below one does not shrink the delay) {
  auto p = exponential_backoff(1s, 0.5, 30s);
  CAF_CHECK_EQUAL(delay(p, 5, 0.0), milliseconds{1000});
}

CAF_TEST(random01 is in the unit interval and feeds delay) {
  auto p = exponential_backoff(1s, 2.0, 30s, jitter_mode::full);
  for (int i = 0; i < 1000; ++i) {
    auto r = switchboard::random01();
    CAF_REQUIRE_GREATER_OR_EQUAL(r, 0.0);
    CAF_REQUIRE_LESS(r, 1.0);
    auto d = delay(p, 1);
    CAF_REQUIRE_GREATER_OR_EQUAL(d, milliseconds{0});
    CAF_REQUIRE_LESS(d, milliseconds{2000});
  }
}

CAF_TEST(jitter names parse and print) {
  CAF_CHECK(switchboard::parse_jitter("none") == jitter_mode::none);
  CAF_CHECK(switchboard::parse_jitter("full") == jitter_mode::full);
  CAF_CHECK(switchboard::parse_jitter("equal") == jitter_mode::equal);
  CAF_CHECK(!switchboard::parse_jitter("Full"));
  CAF_CHECK(!switchboard::parse_jitter(""));
  CAF_CHECK_EQUAL(std::string{to_string(jitter_mode::equal)}, "equal");
}
