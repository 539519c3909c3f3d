#define CAF_SUITE polling.timer_slack
#include <chrono>

#include "caf/test/unit_test.hpp"

#include "actors/polling/timer_slack_policy.hpp"

using namespace switchboard::polling;
using namespace std::chrono_literals;

namespace {

caf::timestamp at(caf::timespan t) {
  return caf::timestamp{t};
}

} // namespace

CAF_TEST(a time between grid points moves up to the next one) {
  CAF_CHECK_EQUAL(coalesced(at(1'000'001us), 10ms), at(1'010'000us));
  CAF_CHECK_EQUAL(coalesced(at(1'009'999us), 10ms), at(1'010'000us));
  CAF_CHECK_EQUAL(coalesced(at(1'000'000'001ns), 10ms), at(1'010ms));
}

CAF_TEST(a time on the grid stays) {
  CAF_CHECK_EQUAL(coalesced(at(1'010ms), 10ms), at(1'010ms));
  CAF_CHECK_EQUAL(coalesced(at(0ms), 10ms), at(0ms));
}

CAF_TEST(no slack keeps the exact time) {
  CAF_CHECK_EQUAL(coalesced(at(1'000'001us), 0ms), at(1'000'001us));
  CAF_CHECK_EQUAL(coalesced(at(1'000'001us), -5ms), at(1'000'001us));
}

CAF_TEST(never earlier and at most one slack later) {
  for (long us = 0; us < 50'000; us += 137) {
    auto t = at(std::chrono::microseconds{1'700'000'000'000'000 + us});
    auto c = coalesced(t, 20ms);
    CAF_CHECK_GREATER_OR_EQUAL(c, t);
    CAF_CHECK_LESS(c - t, caf::timespan{20ms});
    CAF_CHECK_EQUAL(c.time_since_epoch() % caf::timespan{20ms},
                    caf::timespan{0});
  }
}

CAF_TEST(times before the epoch round up too) {
  CAF_CHECK_EQUAL(coalesced(at(-15ms), 10ms), at(-10ms));
  CAF_CHECK_EQUAL(coalesced(at(-10ms), 10ms), at(-10ms));
}
