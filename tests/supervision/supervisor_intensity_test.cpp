#define CAF_SUITE supervision.supervisor_intensity
#include "supervisor_fixture.hpp"

using namespace switchboard;
using namespace switchboard::test;

CAF_TEST_FIXTURE_SCOPE(supervisor_intensity_tests, fixture)

CAF_TEST(exceeding the intensity stops all children and names the child) {
  auto opts = test_options("polling");
  opts.intensity = restart_intensity{2, 60s};
  auto sup = start_sup(opts, {worker_child("w"), worker_child("sibling")});
  self->monitor(sup);
  self->monitor(log->last("sibling"));
  CAF_MESSAGE("two failures are restarted");
  fail(log->last("w"));
  advance_time(1s);
  sched.run();
  fail(log->last("w"));
  advance_time(2s);
  sched.run();
  CAF_REQUIRE_EQUAL(log->count("w"), 3u);
  CAF_MESSAGE("the third failure within 60 s escalates");
  fail(log->last("w"));
  CAF_CHECK_EQUAL(log->count("w"), 3u);
  auto sibling_down = next_down();
  CAF_CHECK_EQUAL(sibling_down.source, log->last("sibling").address());
  CAF_CHECK(sibling_down.reason == caf::exit_reason::user_shutdown);
  auto sup_down = next_down();
  CAF_CHECK_EQUAL(sup_down.source, sup.address());
  CAF_CHECK(sup_down.reason == errc::restart_intensity);
  auto text = sys.render(sup_down.reason);
  CAF_MESSAGE("reason: " << text);
  CAF_CHECK_NOT_EQUAL(text.find("polling: child w restarted 2 times in 60000"),
                      std::string::npos);
  CAF_CHECK_EQUAL(log->count("sibling"), 1u);
}

CAF_TEST(failures spread wider than the period never escalate) {
  auto opts = test_options();
  opts.intensity = restart_intensity{1, 10s};
  auto sup = start_sup(opts, {worker_child("w")});
  for (int i = 0; i < 4; ++i) {
    fail(log->last("w"));
    advance_time(1s);
    sched.run();
    advance_time(10s);
    sched.run();
  }
  CAF_CHECK_EQUAL(log->count("w"), 5u);
  CAF_CHECK(info(sup, "w").state == child_state::running);
}

CAF_TEST(a clean exit of a permanent child is restarted but not counted) {
  auto opts = test_options();
  opts.intensity = restart_intensity{1, 60s};
  auto sup = start_sup(opts, {worker_child("w")});
  for (int i = 0; i < 3; ++i) {
    self->send(log->last("w"), caf::close_atom_v);
    sched.run();
    CAF_CHECK(info(sup, "w").state == child_state::restarting);
    CAF_MESSAGE("always after the base delay: the backoff does not grow");
    CAF_CHECK_EQUAL(advance_time(999ms), 0u);
    CAF_CHECK_EQUAL(advance_time(1ms), 1u);
    sched.run();
  }
  CAF_REQUIRE_EQUAL(log->count("w"), 4u);
  CAF_MESSAGE("one real failure is still within max_restarts = 1");
  fail(log->last("w"));
  advance_time(1s);
  sched.run();
  CAF_CHECK_EQUAL(log->count("w"), 5u);
  CAF_CHECK(info(sup, "w").state == child_state::running);
  CAF_CHECK_EQUAL(summary(sup).restarts, 4u);
}

CAF_TEST(max_restarts zero escalates on the first failure) {
  auto opts = test_options("strict");
  opts.intensity = restart_intensity{0, 60s};
  auto sup = start_sup(opts, {worker_child("w")});
  self->monitor(sup);
  fail(log->last("w"));
  auto down = next_down();
  CAF_CHECK(down.reason == errc::restart_intensity);
  CAF_CHECK_EQUAL(timers(), 0u);
}

CAF_TEST(a child that cannot be restarted counts as failing and escalates) {
  auto opts = test_options("flaky");
  opts.intensity = restart_intensity{2, 60s};
  auto first_only
      = [log = log](caf::local_actor* sup, const std::string& name) {
          if (log->count(name) > 0) return caf::actor{};
          return logged_start(log)(sup, name);
        };
  auto sup = start_sup(opts, {make_child("w", "worker", first_only)});
  self->monitor(sup);
  fail(log->last("w"));
  CAF_MESSAGE("the restart at 1 s fails: a second failure, retried at 2 s");
  CAF_CHECK_EQUAL(advance_time(1s), 1u);
  sched.run();
  CAF_CHECK(info(sup, "w").state == child_state::restarting);
  CAF_CHECK_EQUAL(advance_time(1999ms), 0u);
  CAF_MESSAGE("the third failure escalates");
  CAF_CHECK_EQUAL(advance_time(1ms), 1u);
  sched.run();
  CAF_CHECK(next_down().reason == errc::restart_intensity);
  CAF_CHECK_EQUAL(log->count("w"), 1u);
}

CAF_TEST_FIXTURE_SCOPE_END()
