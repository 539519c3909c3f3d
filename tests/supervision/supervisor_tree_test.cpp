#define CAF_SUITE supervision.supervisor_tree
#include "supervisor_fixture.hpp"

using namespace switchboard;
using namespace switchboard::test;

CAF_TEST_FIXTURE_SCOPE(supervisor_tree_tests, fixture)

CAF_TEST(an inner supervisor that escalates is restarted by the outer one) {
  auto inner_opts = test_options("inner");
  inner_opts.intensity = restart_intensity{0, 60s};
  auto inner = supervisor_child(inner_opts, {worker_child("w")});
  auto outer = start_sup(test_options("outer"), {inner, worker_child("x")});
  CAF_REQUIRE_EQUAL(log->count("w"), 1u);
  auto first_inner = info(outer, "inner");
  CAF_CHECK_EQUAL(first_inner.kind, "supervisor");
  CAF_MESSAGE("w fails; inner allows no restart and escalates");
  fail(log->last("w"));
  auto now = info(outer, "inner");
  CAF_CHECK(now.state == child_state::restarting);
  CAF_CHECK(info(outer, "x").state == child_state::running);
  CAF_MESSAGE("outer restarts inner after its own backoff, with a fresh w");
  CAF_CHECK_EQUAL(advance_time(1s), 1u);
  sched.run();
  now = info(outer, "inner");
  CAF_CHECK(now.state == child_state::running);
  CAF_CHECK_EQUAL(now.restarts, 1u);
  CAF_CHECK_NOT_EQUAL(now.id, first_inner.id);
  CAF_CHECK_EQUAL(log->count("w"), 2u);
  CAF_CHECK_EQUAL(log->count("x"), 1u);
}

CAF_TEST(stopping the outer supervisor stops the whole tree) {
  auto inner = supervisor_child(test_options("inner"),
                                {worker_child("w1"), worker_child("w2")});
  auto outer = start_sup(test_options("outer"), {inner});
  self->monitor(outer);
  self->monitor(log->last("w1"));
  self->monitor(log->last("w2"));
  self->send(outer, shutdown_atom_v);
  sched.run();
  auto d1 = next_down();
  auto d2 = next_down();
  CAF_CHECK(d1.reason == caf::exit_reason::user_shutdown);
  CAF_CHECK(d2.reason == caf::exit_reason::user_shutdown);
  auto last = next_down();
  CAF_CHECK_EQUAL(last.source, outer.address());
  CAF_CHECK(last.reason == caf::exit_reason::user_shutdown);
  CAF_CHECK_EQUAL(log->starts.size(), 2u);
}

CAF_TEST_FIXTURE_SCOPE_END()
