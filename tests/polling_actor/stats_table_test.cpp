#define CAF_SUITE polling.stats_table

#include <caf/test/unit_test.hpp>

#include "actors/polling/polling_stats_table.hpp"

using namespace switchboard;
using switchboard::polling::polling_stats_table;

namespace {

poller_event ev(std::string id, poller_phase phase,
                poll_outcome outcome = poll_outcome::none,
                uint32_t messages = 0, int64_t us = 0) {
  return {std::move(id), "twitter", phase, outcome, messages, us, 0};
}

} // namespace

CAF_TEST(phases are counted once per account) {
  polling_stats_table t;
  t.apply(ev("a", poller_phase::waiting));
  t.apply(ev("b", poller_phase::waiting));
  t.apply(ev("a", poller_phase::active));
  auto s = t.snapshot(3);
  CAF_CHECK_EQUAL(s.waiting, 1u);
  CAF_CHECK_EQUAL(s.active, 1u);
  CAF_CHECK_EQUAL(s.failed, 3u);
  t.apply(ev("b", poller_phase::stopped));
  CAF_CHECK_EQUAL(t.snapshot(0).waiting, 0u);
}

CAF_TEST(a parked account stays counted after its poller stopped) {
  polling_stats_table t;
  t.apply(ev("a", poller_phase::parked, poll_outcome::parked));
  t.apply(ev("a", poller_phase::stopped));
  CAF_CHECK_EQUAL(t.snapshot(0).parked, 1u);
  t.apply(ev("a", poller_phase::waiting));
  CAF_CHECK_EQUAL(t.snapshot(0).parked, 0u);
}

CAF_TEST(per platform averages come from completed polls) {
  polling_stats_table t;
  t.apply(ev("a", poller_phase::waiting, poll_outcome::completed, 4, 2000));
  t.apply(ev("b", poller_phase::waiting, poll_outcome::completed, 0, 4000));
  t.apply(ev("b", poller_phase::delayed, poll_outcome::rate_limited));
  auto s = t.snapshot(0);
  CAF_CHECK_EQUAL(s.completed, 2u);
  CAF_REQUIRE_EQUAL(s.platforms.size(), 1u);
  CAF_CHECK_EQUAL(s.platforms[0].polls, 2u);
  CAF_CHECK_EQUAL(s.platforms[0].rate_limit_hits, 1u);
  CAF_CHECK_EQUAL(s.platforms[0].avg_duration_ms, 3.0);
  CAF_CHECK_EQUAL(s.platforms[0].messages_per_poll, 2.0);
}

CAF_TEST(lateness percentiles come from regular poll starts) {
  polling_stats_table t;
  for (int i = 1; i <= 100; ++i) {
    auto e = ev("a", poller_phase::active);
    e.lateness_us = i * 1000;
    t.apply(e);
  }
  auto s = t.snapshot(0);
  CAF_CHECK_EQUAL(s.lateness_p50_ms, 50.0);
  CAF_CHECK_EQUAL(s.lateness_p99_ms, 99.0);
  CAF_CHECK_EQUAL(s.lateness_max_ms, 100.0);
}
