#define CAF_SUITE queues.worker_pool
#include <algorithm>
#include <pqxx/pqxx>

#include "actors/queues/blocking_handler.hpp"
#include "actors/queues/worker_pool_state.hpp"
#include "tests/queues/pool_dsl_fixture.hpp"

using namespace switchboard;
using namespace std::chrono_literals;
using switchboard::test::pool_dsl_fixture;

namespace {

new_job with_priority(int32_t priority) {
  new_job x;
  x.priority = priority;
  x.timeout_ms = 3600000;
  return x;
}

int64_t ms_between(caf::timestamp from, caf::timestamp to) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(to - from)
      .count();
}

} // namespace

struct claim_ahead_fixture : pool_dsl_fixture {
  /// Enqueues a job due at `due` (by the database's clock, within the hour
  /// claimed ahead), sets the pool's clock to 2 s before it and starts the
  /// pool, which claims it at once. Returns its id.
  std::string start_claiming_ahead(caf::timestamp due) {
    auto x = with_priority(0);
    x.run_at = due;
    auto id = enqueue(x).id;
    wall_now = due - 2s;
    auto opts = options();
    opts.claim_ahead = 1h;
    start(opts);
    return id;
  }
};

CAF_TEST_FIXTURE_SCOPE(worker_pool_tests, pool_dsl_fixture)

CAF_TEST(never more than concurrency jobs in handlers and in claim order) {
  std::vector<std::string> ids;
  for (auto p : {1, 5, 3, 5, 0, 2})
    ids.push_back(enqueue(with_priority(p)).id);
  start(options(3));
  auto& h = handler_state();
  CAF_REQUIRE_EQUAL(h.seen.size(), 3u);
  // Priority 5 (in id order), then 3.
  CAF_CHECK_EQUAL(h.seen[0], ids[1]);
  CAF_CHECK_EQUAL(h.seen[1], ids[3]);
  CAF_CHECK_EQUAL(h.seen[2], ids[2]);
  CAF_CHECK_EQUAL(h.open.size(), 3u);
  answer(job_completed("{\"n\": 1}"));
  CAF_CHECK_EQUAL(reload(ids[1]).state, "completed");
  CAF_CHECK_EQUAL(reload(ids[1]).result, "{\"n\": 1}");
  CAF_REQUIRE_EQUAL(h.seen.size(), 4u);
  CAF_CHECK_EQUAL(h.seen[3], ids[5]);
  CAF_CHECK_EQUAL(h.open.size(), 3u);
  answer(job_completed());
  answer(job_completed());
  CAF_CHECK_EQUAL(h.seen.size(), 6u);
  CAF_CHECK_EQUAL(h.open.size(), 3u);
  while (!h.open.empty())
    answer(job_completed());
  for (auto& id : ids)
    CAF_CHECK_EQUAL(reload(id).state, "completed");
  auto st = pool_state().stats();
  CAF_CHECK_EQUAL(st.processed, 6u);
  CAF_CHECK_EQUAL(st.active, 0u);
  CAF_CHECK_EQUAL(st.capacity, 3u);
}

CAF_TEST(a handler request times out at exactly the job timeout) {
  new_job x;
  x.timeout_ms = 2000;
  x.max_attempts = 2;
  auto id = enqueue(x).id;
  start(options());
  CAF_REQUIRE_EQUAL(handler_state().open.size(), 1u);
  advance_time(1999ms);
  sched.run();
  CAF_CHECK_EQUAL(reload(id).state, "active");
  advance_time(1ms);
  sched.run();
  auto after = reload(id);
  CAF_CHECK_EQUAL(after.state, "failed");
  CAF_CHECK_EQUAL(after.attempts, 1);
  CAF_CHECK_EQUAL(after.last_error, "timeout after 2000 ms");
}

CAF_TEST(each running job times out at its own deadline) {
  new_job a;
  a.timeout_ms = 2000;
  auto b = a;
  b.timeout_ms = 3000;
  auto id_a = enqueue(a).id;
  auto id_b = enqueue(b).id;
  start(options(2));
  CAF_REQUIRE_EQUAL(handler_state().open.size(), 2u);
  advance_time(2000ms);
  sched.run();
  CAF_CHECK_EQUAL(reload(id_a).state, "dead");
  CAF_CHECK_EQUAL(reload(id_b).state, "active");
  advance_time(999ms);
  sched.run();
  CAF_CHECK_EQUAL(reload(id_b).state, "active");
  advance_time(1ms);
  sched.run();
  CAF_CHECK_EQUAL(reload(id_b).state, "dead");
  CAF_CHECK_EQUAL(reload(id_b).last_error, "timeout after 3000 ms");
}

CAF_TEST(a late answer of an abandoned attempt does not end the next one) {
  new_job x;
  x.timeout_ms = 2000;
  x.max_attempts = 2;
  auto id = enqueue(x).id;
  start(options());
  auto& h = handler_state();
  CAF_REQUIRE_EQUAL(h.open.size(), 1u);
  advance_time(2000ms);
  sched.run();
  CAF_MESSAGE("the retry is claimed when due by the database's clock");
  for (int i = 0; i < 50 && h.seen.size() < 2; ++i) {
    advance_time(100ms);
    sched.run();
  }
  CAF_REQUIRE_EQUAL(h.seen.size(), 2u);
  CAF_REQUIRE_EQUAL(h.open.size(), 2u);
  CAF_CHECK_EQUAL(reload(id).attempts, 2);
  answer(job_completed("{\"late\": true}"));
  CAF_CHECK_EQUAL(reload(id).state, "active");
  answer(job_completed("{\"late\": false}"));
  CAF_CHECK_EQUAL(reload(id).state, "completed");
  CAF_CHECK_EQUAL(reload(id).result, "{\"late\": false}");
}

CAF_TEST(the wake - up timer fires exactly at next_run_at) {
  auto due = caf::make_timestamp() + 1h;
  new_job x;
  x.run_at = due;
  enqueue(x);
  wall_now = due - 5s;
  start(options());
  auto trips = log->labels.size();
  CAF_CHECK_EQUAL(advance_time(4999ms), 0u);
  sched.run();
  CAF_CHECK_EQUAL(log->labels.size(), trips);
  CAF_CHECK_EQUAL(advance_time(1ms), 1u);
  sched.run();
  CAF_REQUIRE_EQUAL(log->labels.size(), trips + 1);
  CAF_CHECK_EQUAL(log->labels.back(), "worker pool round trip");
  CAF_MESSAGE("not due yet by the database clock: it looks again at run_at");
  advance_time(4999ms);
  sched.run();
  CAF_CHECK_EQUAL(log->labels.size(), trips + 1);
  advance_time(1ms);
  sched.run();
  CAF_CHECK_EQUAL(log->labels.size(), trips + 2);
}

CAF_TEST(heartbeats renew running jobs locks at the interval) {
  auto id = enqueue(with_priority(0)).id;
  auto opts = options();
  opts.heartbeat = 1000ms;
  start(opts);
  auto before = reload(id).locked_until;
  CAF_REQUIRE(before);
  auto trips = log->labels.size();
  advance_time(999ms);
  sched.run();
  CAF_CHECK_EQUAL(log->labels.size(), trips);
  advance_time(1ms);
  sched.run();
  CAF_REQUIRE_EQUAL(log->labels.size(), trips + 1);
  CAF_CHECK_EQUAL(log->labels.back(), "heartbeat jobs");
  auto renewed = reload(id).locked_until;
  CAF_REQUIRE(renewed);
  CAF_CHECK_GREATER(*renewed, *before);
  advance_time(1000ms);
  sched.run();
  CAF_CHECK_EQUAL(log->labels.size(), trips + 2);
  CAF_MESSAGE("an idle pool stops beating");
  answer(job_completed());
  advance_time(1000ms);
  sched.run();
  auto labels = log->labels.size();
  advance_time(1000ms);
  sched.run();
  CAF_CHECK_EQUAL(log->labels.size(), labels);
}

// Two trips in flight may both claim: each only into slots no other claim
// in flight was sized by, so the handlers never hold more than concurrency.
CAF_TEST(claims in flight together never promise a slot twice) {
  std::vector<std::string> ids;
  for (int i = 0; i < 8; ++i)
    ids.push_back(enqueue(with_priority(0)).id);
  auto opts = options(4);
  opts.trips_in_flight = 2;
  start(opts);
  auto& h = handler_state();
  CAF_REQUIRE_EQUAL(h.open.size(), 4u);
  auto& st = pool_state();
  // Two answers make a full trip (4 slots / 2 trips) that leaves at once;
  // the stand-in database is held back, so both trips are in flight.
  auto finish_two = [&] {
    for (int i = 0; i < 2; ++i)
      caf::anon_send(handler, caf::ok_atom_v, job_completed());
    while (sched.prioritize(handler) || sched.prioritize(pool))
      sched.run_once();
  };
  finish_two();
  CAF_CHECK_EQUAL(st.trips_in_flight, 1u);
  CAF_CHECK_EQUAL(st.claiming, 2u);
  finish_two();
  CAF_CHECK_EQUAL(st.trips_in_flight, 2u);
  CAF_CHECK_EQUAL(st.claiming, 4u);
  CAF_CHECK_EQUAL(st.free_slots(), 0u);
  sched.run();
  CAF_CHECK_EQUAL(st.claiming, 0u);
  CAF_CHECK_EQUAL(h.seen.size(), 8u);
  CAF_CHECK_EQUAL(h.open.size(), 4u);
  for (size_t i = 0; i < 4; ++i)
    CAF_CHECK_EQUAL(reload(ids[i]).state, "completed");
  for (size_t i = 4; i < 8; ++i)
    CAF_CHECK_EQUAL(reload(ids[i]).state, "active");
}

// A job is committed, and its NOTIFY reaches the pool, after the snapshot
// of a claim in flight: that claim's short answer must not make the pool
// forget the wake-up. (Before the fix the job waited for the next NOTIFY.)
CAF_TEST(a wake - up during a claim in flight is not forgotten) {
  auto opts = options(1);
  opts.trips_in_flight = 2;
  pool = spawn_worker_pool(sys, opts);
  while (sched.prioritize(pool))
    sched.run_once();
  auto& st = pool_state();
  CAF_REQUIRE_EQUAL(st.claiming, 1u);
  CAF_MESSAGE("the claim runs on the empty queue; its answer is on its way");
  while (sched.prioritize(db))
    sched.run_once();
  auto id = enqueue(with_priority(0)).id;
  // Ahead of the answer in the pool's mailbox, as a NOTIFY can be.
  caf::anon_send<caf::message_priority::high>(pool, wake_atom_v);
  sched.run();
  auto& h = handler_state();
  CAF_REQUIRE_EQUAL(h.seen.size(), 1u);
  CAF_CHECK_EQUAL(h.seen[0], id);
}

CAF_TEST(after short attempts the pool prefetches twice its concurrency) {
  std::vector<std::string> ids;
  for (int i = 0; i < 10; ++i)
    ids.push_back(enqueue(with_priority(0)).id);
  auto opts = options(2);
  opts.prefetch_below = 20ms;
  start(opts);
  auto& h = handler_state();
  auto& st = pool_state();
  CAF_MESSAGE("nothing finished yet: no prefetch");
  CAF_CHECK_EQUAL(h.seen.size(), 2u);
  CAF_CHECK(st.prefetched.empty());
  answer(job_completed());
  answer(job_completed());
  CAF_CHECK_EQUAL(st.prefetch(), 4u);
  CAF_CHECK_EQUAL(h.open.size(), 2u);
  CAF_CHECK_EQUAL(h.seen.size(), 4u);
  CAF_REQUIRE_EQUAL(st.prefetched.size(), 4u);
  CAF_CHECK_EQUAL(st.stats().prefetched, 4u);
  CAF_CHECK_EQUAL(st.stats().active, 2u);
  // Claimed and locked (heartbeated), not started.
  auto locked = st.locked_ids();
  for (size_t i = 4; i < 8; ++i) {
    CAF_CHECK_EQUAL(st.prefetched[i - 4].id, ids[i]);
    CAF_CHECK_EQUAL(reload(ids[i]).state, "active");
    CAF_CHECK_EQUAL(std::count(locked.begin(), locked.end(), ids[i]), 1);
  }
  CAF_CHECK_EQUAL(reload(ids[8]).state, "waiting");
  CAF_MESSAGE("a finished job makes room for the first prefetched one");
  answer(job_completed());
  CAF_CHECK_EQUAL(h.open.size(), 2u);
  CAF_REQUIRE_EQUAL(h.seen.size(), 5u);
  CAF_CHECK_EQUAL(h.seen[4], ids[4]);
  CAF_MESSAGE("on shutdown prefetched jobs go back unstarted");
  caf::anon_send_exit(pool, caf::exit_reason::user_shutdown);
  sched.run();
  CAF_CHECK(st.prefetched.empty());
  for (size_t i = 5; i < 10; ++i) {
    auto x = reload(ids[i]);
    CAF_CHECK_EQUAL(x.state, "waiting");
    CAF_CHECK_EQUAL(x.attempts, 0);
  }
}

CAF_TEST(long attempts are never prefetched) {
  for (int i = 0; i < 6; ++i)
    enqueue(with_priority(0));
  auto opts = options(2);
  opts.prefetch_below = 20ms;
  start(opts);
  auto& h = handler_state();
  auto& st = pool_state();
  advance_time(20ms);
  answer(job_completed());
  answer(job_completed());
  CAF_CHECK_EQUAL(st.prefetch(), 0u);
  CAF_CHECK_EQUAL(h.seen.size(), 4u);
  CAF_CHECK(st.prefetched.empty());
}

CAF_TEST(a job whose lock was taken is no longer reported on) {
  auto id = enqueue(with_priority(0)).id;
  auto opts = options();
  opts.heartbeat = 1000ms;
  start(opts);
  {
    pqxx::work tx{conn};
    tx.exec_params("UPDATE jobs SET locked_by = 'thief' WHERE id = $1",
                   std::stoll(id));
    tx.commit();
  }
  advance_time(1000ms);
  sched.run();
  answer(job_completed());
  auto after = reload(id);
  CAF_CHECK_EQUAL(after.state, "active");
  CAF_CHECK_EQUAL(after.locked_by, "thief");
}

CAF_TEST(retries are due their backoff after the attempt ended) {
  new_job x;
  x.max_attempts = 4;
  x.backoff = {"exponential", 5000, false};
  x.timeout_ms = 3600000;
  auto id = enqueue(x).id;
  start(options());
  answer(job_retry("boom"));
  auto first = reload(id);
  CAF_CHECK_EQUAL(first.state, "failed");
  CAF_CHECK_EQUAL(first.last_error, "boom");
  CAF_REQUIRE(first.finished_at);
  CAF_CHECK_EQUAL(ms_between(*first.finished_at, first.run_at), 5000);
  CAF_MESSAGE("the second failure waits 10 s");
  {
    pqxx::work tx{conn};
    tx.exec_params("UPDATE jobs SET run_at = now() WHERE id = $1",
                   std::stoll(id));
    tx.commit();
  }
  caf::anon_send(pool, wake_atom_v);
  sched.run();
  CAF_REQUIRE_EQUAL(handler_state().open.size(), 1u);
  answer(job_retry("boom again"));
  auto second = reload(id);
  CAF_CHECK_EQUAL(second.state, "failed");
  CAF_CHECK_EQUAL(second.attempts, 2);
  CAF_REQUIRE(second.finished_at);
  CAF_CHECK_EQUAL(ms_between(*second.finished_at, second.run_at), 10000);
}

CAF_TEST(a kind without a handler fails for good) {
  new_job x;
  x.kind = "nope";
  x.max_attempts = 4;
  auto id = enqueue(x).id;
  start(options());
  auto after = reload(id);
  CAF_CHECK_EQUAL(after.state, "dead");
  CAF_CHECK_EQUAL(after.last_error, "no handler for kind 'nope'");
  CAF_CHECK(handler_state().seen.empty());
}

CAF_TEST(a snooze gives the attempt back) {
  auto id = enqueue(with_priority(0)).id;
  start(options());
  answer(job_snoozed(60000, "rate limit"));
  auto after = reload(id);
  CAF_CHECK_EQUAL(after.state, "delayed");
  CAF_CHECK_EQUAL(after.attempts, 0);
}

CAF_TEST(shutdown drains and then releases unfinished jobs) {
  auto a = enqueue(with_priority(1)).id;
  auto b = enqueue(with_priority(0)).id;
  start(options());
  CAF_REQUIRE_EQUAL(handler_state().open.size(), 2u);
  caf::anon_send_exit(pool, caf::exit_reason::user_shutdown);
  sched.run();
  answer(job_completed());
  CAF_CHECK_EQUAL(reload(a).state, "completed");
  CAF_CHECK_EQUAL(reload(b).state, "active");
  advance_time(499ms);
  sched.run();
  CAF_CHECK_EQUAL(reload(b).state, "active");
  advance_time(1ms);
  sched.run();
  auto released = reload(b);
  CAF_CHECK_EQUAL(released.state, "waiting");
  CAF_CHECK_EQUAL(released.attempts, 0);
  CAF_CHECK(released.locked_by.empty());
}

CAF_TEST(handlers are respawned when the database actor is a new one) {
  auto current = std::make_shared<database_actor>(db);
  auto spawned = std::make_shared<int>(0);
  auto opts = options();
  opts.database = [current] {
    return *current;
  };
  opts.handlers["noop"] = [spawned](caf::actor_system& sys) {
    ++*spawned;
    return make_noop_handler(sys);
  };
  new_job x;
  x.kind = "noop";
  auto first = enqueue(x).id;
  start(opts);
  sched.run();
  CAF_CHECK_EQUAL(reload(first).state, "completed");
  CAF_CHECK_EQUAL(*spawned, 1);
  // Enqueues one more job, wakes the pool, and says how the job ended.
  auto run_one = [&] {
    auto id = enqueue(x).id;
    caf::anon_send(pool, wake_atom_v);
    sched.run();
    return reload(id).state;
  };
  CAF_MESSAGE("the same database: the handler is reused");
  CAF_CHECK_EQUAL(run_one(), "completed");
  CAF_CHECK_EQUAL(*spawned, 1);
  CAF_MESSAGE("a restarted database: a new handler gets the new handle");
  *current = spawn_db();
  CAF_CHECK_EQUAL(run_one(), "completed");
  CAF_CHECK_EQUAL(*spawned, 2);
  CAF_MESSAGE("the old handler's exit did not stop the pool");
  CAF_CHECK_EQUAL(run_one(), "completed");
  CAF_CHECK_EQUAL(*spawned, 2);
}

CAF_TEST(with claim_ahead the wake - up timer fires that much earlier) {
  auto due = caf::make_timestamp() + 1h;
  auto x = with_priority(0);
  x.run_at = due;
  enqueue(x);
  wall_now = due - 5s;
  auto opts = options();
  opts.claim_ahead = 3s;
  start(opts);
  auto trips = log->labels.size();
  advance_time(1999ms);
  sched.run();
  CAF_CHECK_EQUAL(log->labels.size(), trips);
  advance_time(1ms);
  sched.run();
  CAF_CHECK_EQUAL(log->labels.size(), trips + 1);
}

CAF_TEST_FIXTURE_SCOPE_END()

CAF_TEST_FIXTURE_SCOPE(claim_ahead_tests, claim_ahead_fixture)

CAF_TEST(a job claimed ahead starts exactly at its run_at) {
  // The database claims by its own clock: the job is due in 10 minutes,
  // within the hour claimed ahead; the pool's clock says 2 s before run_at.
  auto due = caf::make_timestamp() + 10min;
  auto id = start_claiming_ahead(due);
  auto claimed = reload(id);
  CAF_CHECK_EQUAL(claimed.state, "active");
  CAF_REQUIRE(claimed.started_at);
  CAF_CHECK_EQUAL(ms_between(due, *claimed.started_at), 0);
  CAF_CHECK(handler_state().open.empty());
  advance_time(1999ms);
  sched.run();
  CAF_CHECK(handler_state().open.empty());
  advance_time(1ms);
  sched.run();
  CAF_REQUIRE_EQUAL(handler_state().open.size(), 1u);
  CAF_CHECK_EQUAL(handler_state().open.front().first.id, id);
  answer(job_completed());
  CAF_CHECK_EQUAL(reload(id).state, "completed");
}

CAF_TEST(a job claimed ahead goes back to delayed on shutdown) {
  auto due = caf::make_timestamp() + 10min;
  auto id = start_claiming_ahead(due);
  CAF_REQUIRE_EQUAL(reload(id).state, "active");
  caf::anon_send_exit(pool, caf::exit_reason::user_shutdown);
  sched.run();
  auto released = reload(id);
  CAF_CHECK_EQUAL(released.state, "delayed");
  CAF_CHECK_EQUAL(released.attempts, 0);
  CAF_CHECK(released.locked_by.empty());
  CAF_MESSAGE("its start timer finds nothing to start");
  advance_time(2s);
  sched.run();
  CAF_CHECK(handler_state().open.empty());
}

CAF_TEST_FIXTURE_SCOPE_END()
