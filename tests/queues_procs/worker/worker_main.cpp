// A worker process for the multi-process queue tests (tests/queues_procs):
// one node's queue machinery (database pool, job listener, janitor and one
// worker pool) against a database the test prepared, as a real separate
// process that the test can kill -9.
//
//   queue_worker_proc CONNINFO QUEUE NAME CONCURRENCY LOCK_MS
//
// Every job of kind `record` inserts (job id, NAME) into the test's table
// job_runs (through a batching writer on the database actor), then completes:
// the table shows who ran which job how often. SIGTERM or SIGINT drains the
// pool (running jobs finish, the rest goes back to waiting) and exits 0, or
// 1 when the pool did not stop within 10 s.

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <pqxx/pqxx>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/after.hpp>
#include <caf/exit_reason.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/janitor.hpp"
#include "actors/queues/worker_pool.hpp"
#include "persistence/batch_writer.hpp"
#include "persistence/database_pool.hpp"
#include "persistence/job_listener.hpp"
#include "tests/support/test_system.hpp"

using namespace switchboard;
using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

struct args {
  std::string conninfo;
  std::string queue;
  std::string name;
  uint32_t concurrency = 1;
  milliseconds lock{2000};
};

// Records the run, then completes. The row goes through a batching writer
// (many runs per INSERT, as a real handler's writes would) and the job
// completes only once its row committed; a failed write is a retry.
job_handler_actor::behavior_type
recording_handler(job_handler_actor::pointer self, batch_writer_actor runs,
                  std::string name) {
  return {
      [=](run_job_atom, const job& x) -> caf::result<job_outcome> {
        auto rp = self->make_response_promise<job_outcome>();
        db_row row;
        row.values = {x.id, name};
        self->request(runs, 30s, caf::put_atom_v, std::move(row))
            .then(
                [rp](const db_batch_result&) mutable {
                  rp.deliver(job_completed());
                },
                [rp](const caf::error&) mutable {
                  rp.deliver(job_retry("recording the run failed"));
                });
        return rp;
      },
  };
}

// Waits for the pool's DOWN so that its drain (release of unfinished jobs)
// is done before the process exits; false when it did not stop in time.
bool drain(caf::scoped_actor& self, const worker_pool_actor& pool) {
  self->monitor(pool);
  caf::anon_send_exit(pool, caf::exit_reason::user_shutdown);
  bool down = false;
  self->receive(
      [&](caf::down_msg&) {
        down = true;
      },
      caf::after(10s) >> [] {});
  return down;
}

} // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s CONNINFO QUEUE NAME CONCURRENCY LOCK_MS\n",
                 argv[0]);
    return 2;
  }
  args a{argv[1], argv[2], argv[3],
         static_cast<uint32_t>(std::strtoul(argv[4], nullptr, 10)),
         milliseconds{std::strtol(argv[5], nullptr, 10)}};
  // Blocked before any thread starts, so only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  int code = 0;
  {
    test::test_config cfg;
    caf::actor_system sys{cfg};
    caf::scoped_actor self{sys};
    persistence::pool_options db_opts;
    db_opts.conninfo = a.conninfo;
    db_opts.settings.pool_size = 4;
    db_opts.reconnect_delay = [](uint32_t) -> caf::timespan {
      return 50ms;
    };
    auto db = persistence::spawn_database_pool(sys, db_opts);
    persistence::job_listener_options l;
    l.conninfo = a.conninfo;
    l.reconnect_delay = [](uint32_t) -> caf::timespan {
      return 50ms;
    };
    auto listener
        = caf::actor_cast<caf::actor>(persistence::spawn_job_listener(sys, l));
    janitor_options j;
    // Several checks per lock period, so an expired lock is taken back soon
    // after it expires.
    j.rescue_interval = a.lock / 4;
    j.database = [db] {
      return db;
    };
    auto janitor = spawn_queue_janitor(sys, j);
    worker_pool_options p;
    p.queue = a.queue;
    p.worker = a.name;
    p.concurrency = a.concurrency;
    p.lock = a.lock;
    p.heartbeat = a.lock / 4;
    p.drain = 2s;
    p.database = [db] {
      return db;
    };
    p.listener = [listener] {
      return listener;
    };
    persistence::batch_writer_options w;
    w.db = db;
    w.table = "job_runs";
    w.columns = {"job_id", "worker"};
    w.max_delay = 2ms;
    auto runs = persistence::spawn_batch_writer(sys, w);
    auto name = a.name;
    p.handlers["record"] = [runs, name](caf::actor_system& s) {
      return s.spawn(recording_handler, runs, name);
    };
    auto pool = spawn_worker_pool(sys, p);
    int sig = 0;
    if (sigwait(&stop_signals, &sig) != 0) code = 1;
    if (!drain(self, pool)) {
      std::fprintf(stderr, "queue_worker_proc: the pool did not stop\n");
      code = 1;
    }
    for (auto hdl :
         {caf::actor_cast<caf::actor>(janitor), listener,
          caf::actor_cast<caf::actor>(runs), caf::actor_cast<caf::actor>(db)})
      caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
  }
  return code;
}
