#define CAF_SUITE polling.adaptive
#include <chrono>

#include "caf/test/unit_test.hpp"

#include "actors/polling/adaptive_interval_policy.hpp"

using namespace switchboard::polling;
using namespace std::chrono_literals;

namespace {

adaptive_settings settings() {
  adaptive_settings s;
  s.min = 10s;
  s.max = 600s;
  return s;
}

} // namespace

CAF_TEST(messages halve the interval down to the minimum) {
  auto s = settings();
  CAF_CHECK_EQUAL(next_interval(60s, 1, s), 30s);
  CAF_CHECK_EQUAL(next_interval(30s, 50, s), 15s);
  CAF_CHECK_EQUAL(next_interval(15s, 3, s), 10s);
  CAF_CHECK_EQUAL(next_interval(10s, 3, s), 10s);
}

CAF_TEST(idle polls grow the interval up to the maximum) {
  auto s = settings();
  CAF_CHECK_EQUAL(next_interval(60s, 0, s), 90s);
  CAF_CHECK_EQUAL(next_interval(90s, 0, s), 135s);
  CAF_CHECK_EQUAL(next_interval(500s, 0, s), 600s);
  CAF_CHECK_EQUAL(next_interval(600s, 0, s), 600s);
}

CAF_TEST(the interval converges from any start) {
  auto s = settings();
  auto busy = 60s + 0ms;
  auto idle = 60s + 0ms;
  for (int i = 0; i < 50; ++i) {
    busy = next_interval(busy, 5, s);
    idle = next_interval(idle, 0, s);
  }
  CAF_CHECK_EQUAL(busy, 10s);
  CAF_CHECK_EQUAL(idle, 600s);
}

CAF_TEST(a current value outside the bounds is brought inside) {
  auto s = settings();
  CAF_CHECK_EQUAL(next_interval(1s, 0, s), 15s);
  CAF_CHECK_EQUAL(next_interval(24h, 1, s), 300s);
  CAF_CHECK_EQUAL(next_interval(0ms, 1, s), 10s);
}

CAF_TEST(swapped bounds and huge factors stay within bounds) {
  adaptive_settings s;
  s.min = 600s;
  s.max = 10s;
  s.grow = 1e30;
  CAF_CHECK_EQUAL(next_interval(60s, 0, s), 600s);
  s.shrink = 0.0;
  CAF_CHECK_EQUAL(next_interval(60s, 2, s), 10s);
}
