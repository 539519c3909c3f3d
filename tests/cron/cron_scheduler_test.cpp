// The cron actor on CAF's test clock, against a scripted database actor: the
// timer fires at exactly the next firing, catch-up on start follows each
// entry's policy, and a firing whose enqueue fails is retried, not lost.

#define CAF_SUITE cron.scheduler
#include <deque>
#include <string>
#include <vector>

#include "caf/test/dsl.hpp"

#include "actors/cron/cron_scheduler.hpp"
#include "messages/all.hpp"
#include "messages/cron.hpp"
#include "messages/database.hpp"
#include "messages/error.hpp"
#include "messages/queues.hpp"
#include "tests/cron/cron_test_support.hpp"

using namespace std::chrono_literals;
using namespace switchboard;
using switchboard::cron::cron_entry;
using switchboard::cron::instant;
using switchboard::cron::test::iso;
using switchboard::cron::test::utc;
using strings = std::vector<std::string>;

namespace {

struct test_config : caf::actor_system_config {
  test_config() {
    switchboard::add_message_types(*this);
  }
};

/// What the scripted database does.
struct fake_db_state {
  /// The answer to the load of the last firings.
  std::vector<cron_firing> recorded;
  /// Errors for the next loads / enqueues, consumed front first; once empty
  /// they succeed.
  std::deque<caf::error> load_errors;
  std::deque<caf::error> enqueue_errors;
  /// Park enqueues until (ok_atom) instead of answering.
  bool hold = false;
  std::vector<caf::response_promise> held;
  int loads = 0;
  int enqueues = 0;
  static inline const char* name = "fake_db";
};

db_reply enqueued() {
  return db_reply{caf::make_message(std::vector<enqueue_result>{})};
}

caf::result<db_reply> on_load(caf::stateful_actor<fake_db_state>* self) {
  auto& st = self->state;
  ++st.loads;
  if (!st.load_errors.empty()) {
    auto err = st.load_errors.front();
    st.load_errors.pop_front();
    return err;
  }
  return db_reply{caf::make_message(st.recorded)};
}

caf::result<db_reply> on_enqueue(caf::stateful_actor<fake_db_state>* self) {
  auto& st = self->state;
  ++st.enqueues;
  if (!st.enqueue_errors.empty()) {
    auto err = st.enqueue_errors.front();
    st.enqueue_errors.pop_front();
    return err;
  }
  if (!st.hold) return enqueued();
  st.held.push_back(self->make_response_promise());
  return caf::delegated<db_reply>{};
}

caf::behavior fake_db(caf::stateful_actor<fake_db_state>* self) {
  return {
      [self](exec_atom, const db_task& task) -> caf::result<db_reply> {
        if (task.label == "cron last firings") return on_load(self);
        return on_enqueue(self);
      },
      [self](caf::ok_atom) {
        for (auto& rp : self->state.held)
          rp.deliver(enqueued());
        self->state.held.clear();
      },
  };
}

cron_entry entry(const char* name, const char* expression,
                 cron::missed_policy missed = cron::skip_missed()) {
  cron_entry e;
  e.name = name;
  e.expression = expression;
  e.queue = "cleanup";
  e.kind = name;
  e.payload = "{}";
  e.missed = missed;
  return e;
}

std::string iso(const caf::optional<caf::timestamp>& t) {
  return t ? cron::test::iso(instant{*t}) : "none";
}

struct fixture : test_coordinator_fixture<test_config> {
  fixture() {
    db = sys.spawn(fake_db);
    clock0 = sched.clock().now();
  }

  ~fixture() override {
    // The cron actor always keeps a timer: stop it before the base
    // destructor's run(), which would otherwise fire timers forever.
    caf::anon_send_exit(aut, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(db, caf::exit_reason::user_shutdown);
    sched.run();
  }

  /// Wall time on the test clock: `wall0` when the fixture started.
  instant wall_now() {
    return wall0 + (sched.clock().now() - clock0);
  }

  void start(std::vector<cron_entry> table) {
    cron::cron_options opts;
    opts.table = std::move(table);
    opts.now = [this] {
      return wall_now();
    };
    opts.database = [this] {
      return caf::actor_cast<database_actor>(db);
    };
    // Request timeouts stay on the test clock after their answer: keep them
    // far beyond every test's horizon so only the actor's timers fire.
    opts.db_timeout = 24h;
    opts.retry_base = 1s;
    opts.retry_cap = 8s;
    aut = cron::spawn_cron(sys, std::move(opts));
    sched.run();
  }

  /// Timeouts pending on the test clock within the next 12 hours: the
  /// actor's own timers (request timeouts sit 24 h out).
  std::size_t actor_timers() {
    auto horizon = sched.clock().now() + 12h;
    std::size_t n = 0;
    for (const auto& entry : sched.clock().schedule())
      n += entry.first < horizon ? 1 : 0;
    return n;
  }

  fake_db_state& db_state() {
    return deref<caf::stateful_actor<fake_db_state>>(db).state;
  }

  std::vector<cron_entry_status> table() {
    auto res = self->request(aut, caf::infinite, caf::get_atom_v);
    sched.run();
    std::vector<cron_entry_status> result;
    res.receive(
        [&](std::vector<cron_entry_status>& xs) {
          result = std::move(xs);
        },
        [&](caf::error& err) {
          CAF_FAIL("get failed: " << render(err));
        });
    return result;
  }

  cron_entry_status status(const std::string& name) {
    for (auto& x : table())
      if (x.name == name) return x;
    CAF_FAIL("no entry " << name);
    return {};
  }

  instant wall0 = utc("2026-03-10 10:59:00");
  caf::detail::test_actor_clock::time_point clock0;
  caf::actor db;
  cron_actor aut;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(cron_scheduler_tests, fixture)

CAF_TEST(the timer fires at exactly the next firing and enqueues it) {
  start({entry("sweep", "*/5 * * * *")});
  CAF_CHECK_EQUAL(db_state().loads, 1);
  auto before = status("sweep");
  CAF_CHECK_EQUAL(iso(before.next_fire_at), "2026-03-10T11:00:00Z");
  CAF_CHECK_EQUAL(iso(before.last_fired_at), "none");
  CAF_MESSAGE("one nanosecond early: nothing fires");
  CAF_CHECK_EQUAL(advance_time(60s - 1ns), 0u);
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 0);
  CAF_MESSAGE("at 11:00:00 exactly: the tick, then one enqueue");
  db_state().hold = true;
  CAF_CHECK_EQUAL(advance_time(1ns), 1u);
  expect((cron_tick_atom, uint64_t), from(aut).to(aut).with(_, _));
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 1);
  auto during = status("sweep");
  CAF_CHECK_EQUAL(iso(during.pending), strings{"2026-03-10T11:00:00Z"});
  CAF_CHECK_EQUAL(iso(during.next_fire_at), "2026-03-10T11:05:00Z");
  db_state().hold = false;
  self->send(db, caf::ok_atom_v);
  sched.run();
  auto after = status("sweep");
  CAF_CHECK(after.pending.empty());
  CAF_CHECK_EQUAL(iso(after.last_fired_at), "2026-03-10T11:00:00Z");
  CAF_MESSAGE("exactly one timer is armed, for 11:05:00");
  CAF_CHECK_EQUAL(actor_timers(), 1u);
  CAF_CHECK_EQUAL(advance_time(5min - 1ns), 0u);
  CAF_CHECK_EQUAL(advance_time(1ns), 1u);
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 2);
  CAF_CHECK_EQUAL(iso(status("sweep").last_fired_at), "2026-03-10T11:05:00Z");
}

CAF_TEST(the timer goes to the earliest entry of the table) {
  start({entry("daily", "0 12 * * *"), entry("hourly", "@hourly")});
  CAF_CHECK_EQUAL(actor_timers(), 1u);
  CAF_CHECK_EQUAL(advance_time(60s), 1u);
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 1);
  CAF_CHECK_EQUAL(iso(status("hourly").last_fired_at), "2026-03-10T11:00:00Z");
  CAF_CHECK_EQUAL(iso(status("daily").last_fired_at), "none");
  CAF_CHECK_EQUAL(advance_time(1h - 1ns), 0u);
  CAF_CHECK_EQUAL(advance_time(1ns), 1u);
  sched.run();
  CAF_MESSAGE("at 12:00 both entries fire");
  CAF_CHECK_EQUAL(db_state().enqueues, 3);
  CAF_CHECK_EQUAL(iso(status("daily").last_fired_at), "2026-03-10T12:00:00Z");
  CAF_CHECK_EQUAL(iso(status("hourly").last_fired_at), "2026-03-10T12:00:00Z");
}

CAF_TEST(catch up on start follows each entry s missed policy) {
  db_state().recorded = {
      {"once", caf::timestamp{utc("2026-03-10 06:00:00")}},
      {"all", caf::timestamp{utc("2026-03-10 06:00:00")}},
      {"skip", caf::timestamp{utc("2026-03-10 06:00:00")}},
  };
  db_state().hold = true;
  start({entry("once", "@hourly", cron::run_missed_once()),
         entry("all", "@hourly", cron::run_all_missed(3)),
         entry("skip", "@hourly", cron::skip_missed()),
         entry("new", "@hourly", cron::run_all_missed(3))});
  CAF_MESSAGE("missed 07:00 .. 10:00 while down");
  CAF_CHECK_EQUAL(iso(status("once").pending), strings{"2026-03-10T10:00:00Z"});
  CAF_CHECK_EQUAL(iso(status("all").pending),
                  (strings{"2026-03-10T08:00:00Z", "2026-03-10T09:00:00Z",
                           "2026-03-10T10:00:00Z"}));
  CAF_CHECK(status("skip").pending.empty());
  CAF_CHECK_EQUAL(iso(status("skip").last_fired_at), "2026-03-10T06:00:00Z");
  CAF_MESSAGE("an entry never fired before has nothing to catch up");
  CAF_CHECK(status("new").pending.empty());
  CAF_CHECK_EQUAL(db_state().enqueues, 2);
  self->send(db, caf::ok_atom_v);
  sched.run();
  CAF_CHECK_EQUAL(iso(status("once").last_fired_at), "2026-03-10T10:00:00Z");
  CAF_CHECK_EQUAL(iso(status("all").last_fired_at), "2026-03-10T10:00:00Z");
  for (const auto& x : table())
    CAF_CHECK_EQUAL(iso(x.next_fire_at), "2026-03-10T11:00:00Z");
}

CAF_TEST(a firing that failed to enqueue is retried with backoff) {
  start({entry("sweep", "*/5 * * * *")});
  db_state().enqueue_errors = {caf::make_error(errc::db_unavailable),
                               caf::make_error(errc::db_timeout)};
  CAF_CHECK_EQUAL(advance_time(60s), 1u);
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 1);
  auto failed = status("sweep");
  CAF_CHECK_EQUAL(iso(failed.pending), strings{"2026-03-10T11:00:00Z"});
  CAF_CHECK_NOT_EQUAL(failed.last_error, "");
  CAF_MESSAGE("first retry after 1 s fails again");
  CAF_CHECK_EQUAL(advance_time(1s - 1ns), 0u);
  CAF_CHECK_EQUAL(advance_time(1ns), 1u);
  expect((cron_retry_atom, std::string), from(aut).to(aut).with(_, "sweep"));
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 2);
  CAF_MESSAGE("second retry after 2 s succeeds");
  CAF_CHECK_EQUAL(advance_time(2s - 1ns), 0u);
  CAF_CHECK_EQUAL(advance_time(1ns), 1u);
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 3);
  auto done = status("sweep");
  CAF_CHECK(done.pending.empty());
  CAF_CHECK_EQUAL(done.last_error, "");
  CAF_CHECK_EQUAL(iso(done.last_fired_at), "2026-03-10T11:00:00Z");
}

CAF_TEST(firings due while an entry waits for its retry join that retry) {
  start({entry("often", "* * * * *")});
  db_state().enqueue_errors = {caf::make_error(errc::db_unavailable),
                               caf::make_error(errc::db_unavailable),
                               caf::make_error(errc::db_unavailable)};
  // 11:00 fails (retry +1 s, fails: +2 s, fails: +4 s at 11:00:07).
  CAF_CHECK_EQUAL(advance_time(60s), 1u);
  sched.run();
  CAF_CHECK_EQUAL(advance_time(1s), 1u);
  sched.run();
  CAF_CHECK_EQUAL(advance_time(2s), 1u);
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 3);
  CAF_MESSAGE("11:01 comes while waiting: it joins, no extra enqueue");
  db_state().hold = true;
  CAF_CHECK_EQUAL(advance_time(57s), 2u);
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 4);
  CAF_CHECK_EQUAL(iso(status("often").pending),
                  (strings{"2026-03-10T11:00:00Z", "2026-03-10T11:01:00Z"}));
  CAF_MESSAGE("once 11:00 is enqueued, 11:01 follows at once");
  db_state().hold = false;
  self->send(db, caf::ok_atom_v);
  sched.run();
  CAF_CHECK_EQUAL(db_state().enqueues, 5);
  CAF_CHECK(status("often").pending.empty());
  CAF_CHECK_EQUAL(iso(status("often").last_fired_at), "2026-03-10T11:01:00Z");
}

CAF_TEST(a failed load is retried before the table runs) {
  db_state().load_errors = {caf::make_error(errc::db_unavailable)};
  start({entry("sweep", "*/5 * * * *")});
  CAF_CHECK_EQUAL(db_state().loads, 1);
  CAF_CHECK_EQUAL(iso(status("sweep").next_fire_at), "none");
  CAF_CHECK_EQUAL(advance_time(1s), 1u);
  sched.run();
  CAF_CHECK_EQUAL(db_state().loads, 2);
  CAF_CHECK_EQUAL(iso(status("sweep").next_fire_at), "2026-03-10T11:00:00Z");
}

CAF_TEST(a table that does not compile stops the actor) {
  start({entry("bad", "61 * * * *")});
  CAF_CHECK_EQUAL(db_state().loads, 0);
  auto res = self->request(aut, caf::infinite, caf::get_atom_v);
  sched.run();
  bool failed = false;
  res.receive([](std::vector<cron_entry_status>&) {},
              [&](caf::error&) {
                failed = true;
              });
  CAF_CHECK(failed);
}

CAF_TEST_FIXTURE_SCOPE_END()
