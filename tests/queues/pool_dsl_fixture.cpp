#define CAF_SUITE queues.pool_fixture
#include "tests/queues/pool_dsl_fixture.hpp"

#include <pqxx/pqxx>

namespace switchboard::test {

namespace {

database_actor::behavior_type stand_in_db(database_actor::pointer,
                                          pqxx::connection* conn,
                                          std::shared_ptr<db_log> log) {
  return {
      [conn, log](exec_atom, db_task& task) -> caf::result<db_reply> {
        log->labels.push_back(task.label);
        try {
          return db_reply{task.run(*conn)};
        } catch (const std::exception& e) {
          return caf::make_error(caf::sec::runtime_error, e.what());
        }
      },
      [](caf::ping_atom) {
        return db_ping{true, 0};
      },
      [](caf::get_atom, stats_atom) {
        return db_pool_stats{};
      },
  };
}

manual_handler_actor::behavior_type
manual_handler(manual_handler_actor::stateful_pointer<manual_state> self) {
  return {
      [self](run_job_atom, const job& x) -> caf::result<job_outcome> {
        auto rp = self->make_response_promise<job_outcome>();
        self->state.open.emplace_back(x, rp);
        self->state.seen.push_back(x.id);
        return rp;
      },
      [self](caf::ok_atom, const job_outcome& outcome) {
        if (self->state.open.empty()) return;
        auto rp = self->state.open.front().second;
        self->state.open.pop_front();
        rp.deliver(outcome);
      },
  };
}

} // namespace

database_actor pool_dsl_fixture::spawn_db() {
  return sys.spawn(stand_in_db, &conn, log);
}

pool_dsl_fixture::pool_dsl_fixture() {
  db = spawn_db();
  handler = sys.spawn(manual_handler);
  sched.run();
}

pool_dsl_fixture::~pool_dsl_fixture() {
  if (pool) caf::anon_send_exit(pool, caf::exit_reason::kill);
  caf::anon_send_exit(handler, caf::exit_reason::kill);
  caf::anon_send_exit(db, caf::exit_reason::kill);
  sched.run();
}

worker_pool_options pool_dsl_fixture::options(uint32_t concurrency) {
  worker_pool_options opts;
  opts.queue = "q";
  opts.worker = "dsl";
  opts.concurrency = concurrency;
  opts.claim_batch = 10;
  opts.lock = std::chrono::seconds{30};
  opts.heartbeat = std::chrono::hours{1};
  opts.drain = std::chrono::milliseconds{500};
  auto db_handle = db;
  opts.database = [db_handle] {
    return db_handle;
  };
  auto handle = caf::actor_cast<job_handler_actor>(handler);
  opts.handlers["manual"] = [handle](caf::actor_system&) {
    return handle;
  };
  auto now = &wall_now;
  opts.now = [now] {
    return *now;
  };
  return opts;
}

worker_pool_actor pool_dsl_fixture::start(worker_pool_options opts) {
  pool = spawn_worker_pool(sys, std::move(opts));
  sched.run();
  return pool;
}

job pool_dsl_fixture::enqueue(new_job x) {
  x.queue = "q";
  if (x.kind.empty()) x.kind = "manual";
  auto got = persistence::jobs_repo::enqueue(conn, {x});
  return got.at(0).value;
}

job pool_dsl_fixture::reload(const std::string& id) {
  auto x = persistence::jobs_repo::get(conn, id);
  if (!x) throw std::logic_error("job vanished");
  return *x;
}

manual_state& pool_dsl_fixture::handler_state() {
  return deref<manual_handler_actor::stateful_base<manual_state>>(handler)
      .state;
}

worker_pool_state& pool_dsl_fixture::pool_state() {
  return deref<worker_pool_actor::stateful_base<worker_pool_state>>(pool).state;
}

void pool_dsl_fixture::answer(job_outcome outcome) {
  caf::anon_send(handler, caf::ok_atom_v, std::move(outcome));
  sched.run();
}

} // namespace switchboard::test
