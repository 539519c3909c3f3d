#define CAF_SUITE supervision.supervisor_shutdown
#include "supervisor_fixture.hpp"

using namespace switchboard;
using namespace switchboard::test;

namespace {

// Drains on exit: quits only when told it is done (a worker pool finishing
// its jobs through the database).
caf::behavior draining(caf::event_based_actor* self) {
  self->set_exit_handler([](caf::exit_msg&) {});
  return {
      [self](caf::ok_atom) {
        self->quit(caf::exit_reason::user_shutdown);
      },
  };
}

caf::actor started(const start_log& log, const std::string& name) {
  for (auto& entry : log.starts)
    if (entry.first == name) return entry.second;
  return {};
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(supervisor_shutdown_tests, fixture)

CAF_TEST(a stop_last child is told to exit once the others are down) {
  auto db = worker_child("db");
  auto last = std::make_shared<child_template>(*db.tmpl);
  last->stop_last = true;
  db.tmpl = last;
  auto pool = make_child("pool", "draining", logged_start(log, &draining));
  auto sup = start_sup(test_options(), {db, pool});
  auto db_hdl = started(*log, "db");
  auto pool_hdl = started(*log, "pool");
  CAF_REQUIRE(db_hdl && pool_hdl);
  self->monitor(db_hdl);
  self->monitor(pool_hdl);
  self->monitor(sup);
  self->send(sup, shutdown_atom_v);
  sched.run();
  CAF_CHECK(info(sup, "pool").state == child_state::stopping);
  CAF_MESSAGE("the database is not told while the pool drains");
  CAF_CHECK(!has_message());
  self->send(pool_hdl, caf::ok_atom_v);
  sched.run();
  CAF_CHECK_EQUAL(next_down().source, pool_hdl.address());
  CAF_CHECK_EQUAL(next_down().source, db_hdl.address());
  CAF_CHECK_EQUAL(next_down().source, sup.address());
}

// 25,000 children take several shutdown windows.
CAF_TEST(an exit from the parent stops every child then the supervisor) {
  auto poller = make_template("account_poller", logged_start(log));
  auto sup = start_sup(test_options(), {});
  child_batch batch{poller, {}};
  for (int i = 0; i < 25000; ++i)
    batch.names.push_back("acc-" + std::to_string(i));
  CAF_REQUIRE_EQUAL(ask<uint64_t>(sup, caf::spawn_atom_v, batch), 25000u);
  for (auto& entry : log->starts)
    self->monitor(entry.second);
  self->monitor(sup);
  caf::anon_send_exit(sup, caf::exit_reason::user_shutdown);
  sched.run();
  for (int i = 0; i < 25000; ++i)
    CAF_REQUIRE(next_down().reason == caf::exit_reason::user_shutdown);
  auto last = next_down();
  CAF_CHECK_EQUAL(last.source, sup.address());
  CAF_CHECK(last.reason == caf::exit_reason::user_shutdown);
  CAF_CHECK_EQUAL(log->starts.size(), 25000u);
}

CAF_TEST(a child that ignores the exit is killed at the deadline) {
  auto slow = make_child("slow", "stubborn", logged_start(log, &stubborn));
  auto sup = start_sup(test_options(), {slow, worker_child("w")});
  self->monitor(sup);
  self->send(sup, shutdown_atom_v);
  sched.run();
  CAF_CHECK(info(sup, "slow").state == child_state::stopping);
  CAF_MESSAGE("the supervisor waits up to its 5 s deadline");
  CAF_CHECK_EQUAL(advance_time(4999ms), 0u);
  sched.run();
  CAF_CHECK(!has_message());
  CAF_CHECK_EQUAL(advance_time(1ms), 1u);
  sched.run();
  auto down = next_down();
  CAF_CHECK_EQUAL(down.source, sup.address());
  CAF_CHECK(down.reason == caf::exit_reason::user_shutdown);
}

CAF_TEST(a stopping supervisor refuses new children) {
  auto slow = make_child("slow", "stubborn", logged_start(log, &stubborn));
  auto sup = start_sup(test_options(), {slow});
  self->send(sup, shutdown_atom_v);
  sched.run();
  auto err = ask_error<caf::actor>(sup, caf::spawn_atom_v, worker_child("w"));
  CAF_CHECK(err == errc::shutting_down);
  CAF_CHECK(info(sup, "slow").state == child_state::stopping);
}

CAF_TEST_FIXTURE_SCOPE_END()
