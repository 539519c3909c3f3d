#define CAF_SUITE supervision.intensity
#include <chrono>

#include "caf/test/dsl.hpp"

#include "runtime/supervision/restart_intensity.hpp"

using namespace std::chrono_literals;
using switchboard::exceeds_intensity;
using switchboard::record_restart;
using switchboard::restart_clock;
using switchboard::restart_history;
using switchboard::restart_intensity;
using switchboard::restarts_within;

namespace {

const auto t0 = restart_clock::time_point{} + 24h;

} // namespace

CAF_TEST(an empty history is within any positive limit) {
  restart_intensity limit{3, 10s};
  CAF_CHECK(!exceeds_intensity(limit, {}, t0));
}

CAF_TEST(R restarts within T exceed the limit) {
  restart_intensity limit{3, 10s};
  restart_history h{t0, t0 + 1s, t0 + 2s};
  CAF_CHECK_EQUAL(restarts_within(limit, h, t0 + 3s), 3u);
  CAF_CHECK(exceeds_intensity(limit, h, t0 + 3s));
  CAF_CHECK(!exceeds_intensity(limit, {t0, t0 + 1s}, t0 + 3s));
}

CAF_TEST(instants older than T do not count) {
  restart_intensity limit{3, 10s};
  restart_history h{t0, t0 + 1s, t0 + 2s};
  // t0 is exactly T old at t0 + 10 s: out of the window.
  CAF_CHECK_EQUAL(restarts_within(limit, h, t0 + 10s), 2u);
  CAF_CHECK(!exceeds_intensity(limit, h, t0 + 10s));
  CAF_CHECK(exceeds_intensity(limit, h, t0 + 10s - 1ms));
}

CAF_TEST(zero restarts allowed escalates at once) {
  restart_intensity limit{0, 10s};
  CAF_CHECK(exceeds_intensity(limit, {}, t0));
}

CAF_TEST(record_restart keeps at most R recent instants) {
  restart_intensity limit{2, 10s};
  restart_history h;
  record_restart(limit, h, t0);
  record_restart(limit, h, t0 + 1s);
  record_restart(limit, h, t0 + 2s);
  CAF_REQUIRE_EQUAL(h.size(), 2u);
  CAF_CHECK(h.front() == t0 + 1s);
  record_restart(limit, h, t0 + 30s);
  CAF_REQUIRE_EQUAL(h.size(), 1u);
  CAF_CHECK(h.front() == t0 + 30s);
}
