#define CAF_SUITE supervision.supervisor_strategy
#include "supervisor_fixture.hpp"

using namespace switchboard;
using namespace switchboard::test;

CAF_TEST_FIXTURE_SCOPE(supervisor_strategy_tests, fixture)

CAF_TEST(one_for_one keeps the sibling with its identity and state) {
  auto sup = start_sup(test_options(), {worker_child("a"), worker_child("b")});
  auto b = log->last("b");
  self->send(b, caf::put_atom_v, int32_t{42});
  sched.run();
  fail(log->last("a"));
  advance_time(1s);
  sched.run();
  CAF_CHECK_EQUAL(log->count("a"), 2u);
  CAF_CHECK_EQUAL(log->count("b"), 1u);
  CAF_CHECK_EQUAL(info(sup, "b").id, b.id());
  CAF_CHECK_EQUAL(ask<int32_t>(b, caf::get_atom_v), 42);
}

CAF_TEST(one_for_all restarts every child in start order) {
  auto opts = test_options();
  opts.strategy = restart_strategy::one_for_all;
  auto sup = start_sup(
      opts, {worker_child("c"), worker_child("a"), worker_child("b")});
  auto old_a = log->last("a");
  auto old_c = log->last("c");
  self->monitor(old_a);
  self->monitor(old_c);
  fail(log->last("b"));
  CAF_MESSAGE("siblings are stopped at once");
  CAF_CHECK(next_down().reason == caf::exit_reason::user_shutdown);
  CAF_CHECK(next_down().reason == caf::exit_reason::user_shutdown);
  auto listed = ask<std::vector<child_info>>(sup, caf::get_atom_v);
  CAF_REQUIRE_EQUAL(listed.size(), 3u);
  for (auto& child : listed)
    CAF_CHECK(child.state == child_state::restarting);
  CAF_MESSAGE("and all restart together after the backoff");
  CAF_CHECK_EQUAL(advance_time(999ms), 0u);
  CAF_CHECK_EQUAL(advance_time(1ms), 1u);
  sched.run();
  CAF_REQUIRE_EQUAL(log->starts.size(), 6u);
  CAF_CHECK_EQUAL(log->starts[3].first, "c");
  CAF_CHECK_EQUAL(log->starts[4].first, "a");
  CAF_CHECK_EQUAL(log->starts[5].first, "b");
  for (auto& child : ask<std::vector<child_info>>(sup, caf::get_atom_v)) {
    CAF_CHECK(child.state == child_state::running);
    CAF_CHECK_EQUAL(child.restarts, 1u);
  }
}

CAF_TEST(one_for_all does not restart temporary siblings) {
  auto opts = test_options();
  opts.strategy = restart_strategy::one_for_all;
  auto sup = start_sup(
      opts, {worker_child("a"), worker_child("t", restart_type::temporary)});
  fail(log->last("a"));
  advance_time(1s);
  sched.run();
  CAF_CHECK_EQUAL(log->count("a"), 2u);
  CAF_CHECK_EQUAL(log->count("t"), 1u);
  CAF_CHECK_EQUAL(summary(sup).children, 1u);
}

CAF_TEST(one_for_all waits for a sibling that is slow to stop) {
  auto opts = test_options();
  opts.strategy = restart_strategy::one_for_all;
  auto slow = make_child("slow", "stubborn", logged_start(log, &stubborn));
  auto sup = start_sup(opts, {worker_child("a"), slow});
  fail(log->last("a"));
  advance_time(1s);
  sched.run();
  CAF_MESSAGE("a restarts; slow is due but its old instance is alive");
  CAF_CHECK_EQUAL(log->count("a"), 2u);
  CAF_CHECK_EQUAL(log->count("slow"), 1u);
  CAF_CHECK(info(sup, "slow").state == child_state::restarting);
  CAF_MESSAGE("once it goes down, it restarts at once");
  self->send_exit(log->last("slow"), caf::exit_reason::kill);
  sched.run();
  CAF_CHECK_EQUAL(log->count("slow"), 2u);
  CAF_CHECK(info(sup, "slow").state == child_state::running);
  // The fixture's final run() reaches the shutdown deadline, which kills the
  // new stubborn instance.
}

CAF_TEST_FIXTURE_SCOPE_END()
