#define CAF_SUITE supervision.supervisor_backoff
#include "supervisor_fixture.hpp"

using namespace switchboard;
using namespace switchboard::test;

namespace {

struct backoff_fixture : fixture {
  backoff_fixture() {
    sup = start_sup(test_options(), {worker_child("w")});
  }

  /// Fails the current instance and checks that the restart comes exactly
  /// after `wait`: not a millisecond earlier.
  void fail_and_expect_restart_after(std::chrono::milliseconds wait) {
    auto before = log->count("w");
    fail(log->last("w"));
    CAF_CHECK(info(sup, "w").state == child_state::restarting);
    CAF_CHECK_EQUAL(timers(), 1u);
    CAF_CHECK_EQUAL(advance_time(wait - 1ms), 0u);
    sched.run();
    CAF_CHECK_EQUAL(log->count("w"), before);
    CAF_CHECK_EQUAL(advance_time(1ms), 1u);
    sched.run();
    CAF_CHECK_EQUAL(log->count("w"), before + 1);
    auto now = info(sup, "w");
    CAF_CHECK(now.state == child_state::running);
    CAF_CHECK_EQUAL(now.id, log->last("w").id());
  }

  supervisor_actor sup;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(supervisor_backoff_tests, backoff_fixture)

CAF_TEST(a failing child is restarted 1 s then 2 s then 4 s after failing) {
  CAF_REQUIRE_EQUAL(log->count("w"), 1u);
  fail_and_expect_restart_after(1s);
  fail_and_expect_restart_after(2s);
  fail_and_expect_restart_after(4s);
  CAF_CHECK_EQUAL(info(sup, "w").restarts, 3u);
  CAF_CHECK_EQUAL(summary(sup).restarts, 3u);
}

CAF_TEST(a failure after a quiet period starts from the base delay again) {
  fail_and_expect_restart_after(1s);
  fail_and_expect_restart_after(2s);
  CAF_MESSAGE("a minute without failures");
  advance_time(60s);
  sched.run();
  fail_and_expect_restart_after(1s);
}

CAF_TEST(a stale restart timer does not restart a newer incarnation) {
  fail(log->last("w"));
  CAF_REQUIRE_EQUAL(timers(), 1u);
  advance_time(500ms);
  CAF_MESSAGE("stop the waiting child, start a new one by that name, fail it");
  CAF_CHECK(ask<caf::ok_atom>(sup, stop_atom_v, std::string{"w"})
            == caf::ok_atom_v);
  ask<caf::actor>(sup, caf::spawn_atom_v, worker_child("w"));
  CAF_REQUIRE_EQUAL(log->count("w"), 2u);
  fail(log->last("w"));
  CAF_REQUIRE_EQUAL(timers(), 2u);
  CAF_MESSAGE("the old timer fires at 1 s and is ignored");
  CAF_CHECK_EQUAL(advance_time(500ms), 1u);
  sched.run();
  CAF_CHECK_EQUAL(log->count("w"), 2u);
  CAF_CHECK(info(sup, "w").state == child_state::restarting);
  CAF_MESSAGE("the new one fires 1 s after the second failure");
  CAF_CHECK_EQUAL(advance_time(500ms), 1u);
  sched.run();
  CAF_CHECK_EQUAL(log->count("w"), 3u);
  CAF_CHECK(info(sup, "w").state == child_state::running);
  CAF_CHECK_EQUAL(info(sup, "w").restarts, 1u);
}

CAF_TEST_FIXTURE_SCOPE_END()
