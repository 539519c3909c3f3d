#define CAF_SUITE supervision.supervisor_restart_types
#include "supervisor_fixture.hpp"

using namespace switchboard;
using namespace switchboard::test;

CAF_TEST_FIXTURE_SCOPE(supervisor_restart_types_tests, fixture)

CAF_TEST(a transient child that exits cleanly is forgotten) {
  auto sup
      = start_sup(test_options(), {worker_child("t", restart_type::transient)});
  self->send(log->last("t"), caf::close_atom_v);
  sched.run();
  CAF_CHECK_EQUAL(timers(), 0u);
  CAF_CHECK(ask_error<child_info>(sup, caf::get_atom_v, std::string{"t"})
            == errc::not_found);
  CAF_CHECK_EQUAL(summary(sup).children, 0u);
}

CAF_TEST(a transient child that fails is restarted) {
  auto sup
      = start_sup(test_options(), {worker_child("t", restart_type::transient)});
  fail(log->last("t"));
  CAF_CHECK_EQUAL(timers(), 1u);
  advance_time(1s);
  sched.run();
  CAF_CHECK_EQUAL(log->count("t"), 2u);
  CAF_CHECK(info(sup, "t").state == child_state::running);
}

CAF_TEST(a transient child told to shut down is not a failure) {
  auto sup
      = start_sup(test_options(), {worker_child("t", restart_type::transient)});
  self->send_exit(log->last("t"), caf::exit_reason::user_shutdown);
  sched.run();
  CAF_CHECK_EQUAL(timers(), 0u);
  CAF_CHECK_EQUAL(summary(sup).children, 0u);
}

CAF_TEST(a temporary child is never restarted) {
  auto sup = start_sup(
      test_options(),
      {worker_child("once", restart_type::temporary), worker_child("keep")});
  fail(log->last("once"));
  CAF_CHECK_EQUAL(timers(), 0u);
  CAF_CHECK_EQUAL(log->count("once"), 1u);
  auto s = summary(sup);
  CAF_CHECK_EQUAL(s.children, 1u);
  CAF_CHECK_EQUAL(s.running, 1u);
}

CAF_TEST(a permanent child that exits cleanly comes back after the base) {
  auto sup = start_sup(test_options(), {worker_child("p")});
  self->send(log->last("p"), caf::close_atom_v);
  sched.run();
  CAF_CHECK(info(sup, "p").state == child_state::restarting);
  CAF_CHECK_EQUAL(advance_time(999ms), 0u);
  CAF_CHECK_EQUAL(advance_time(1ms), 1u);
  sched.run();
  CAF_CHECK_EQUAL(log->count("p"), 2u);
}

CAF_TEST_FIXTURE_SCOPE_END()
