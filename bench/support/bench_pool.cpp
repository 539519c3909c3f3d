#include "bench/support/bench_pool.hpp"

#include <stdexcept>

#include <caf/actor_cast.hpp>
#include <caf/after.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

#include "persistence/database_pool.hpp"
#include "persistence/job_listener.hpp"
#include "runtime/supervision/scheduler_config.hpp"
#include "tests/support/wait_until.hpp"

namespace switchboard::bench {

using namespace std::chrono_literals;

bench_pool::bench_pool(const std::string& conninfo, uint32_t db_connections)
    : sys_(configure_scheduler(cfg_)), self_(sys_) {
  persistence::pool_options db_opts;
  db_opts.conninfo = conninfo;
  db_opts.settings.pool_size = db_connections;
  db_opts.reconnect_delay = [](uint32_t) -> caf::timespan {
    return 50ms;
  };
  db_ = persistence::spawn_database_pool(sys_, db_opts);
  auto connected = test::wait_until(
      [&] {
        uint32_t n = 0;
        self_->request(db_, 5s, caf::get_atom_v, stats_atom_v)
            .receive(
                [&](const db_pool_stats& s) {
                  n = s.connected;
                },
                [](caf::error&) {});
        return n == db_connections;
      },
      30s);
  if (!connected) throw std::runtime_error("the database pool did not connect");
  persistence::job_listener_options l;
  l.conninfo = conninfo;
  l.reconnect_delay = [](uint32_t) -> caf::timespan {
    return 50ms;
  };
  listener_
      = caf::actor_cast<caf::actor>(persistence::spawn_job_listener(sys_, l));
}

bench_pool::~bench_pool() {
  if (pool_) {
    self_->monitor(pool_);
    caf::anon_send_exit(pool_, caf::exit_reason::user_shutdown);
    self_->receive([](caf::down_msg&) {}, caf::after(10s) >> [] {});
  }
  caf::anon_send_exit(listener_, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(db_, caf::exit_reason::user_shutdown);
}

void bench_pool::start(worker_pool_options opts) {
  auto db = db_;
  auto listener = listener_;
  opts.database = [db] {
    return db;
  };
  opts.listener = [listener] {
    return listener;
  };
  pool_ = spawn_worker_pool(sys_, std::move(opts));
}

uint64_t bench_pool::processed() {
  uint64_t result = 0;
  self_->request(pool_, 5s, caf::get_atom_v, stats_atom_v)
      .receive(
          [&](const pool_stats& s) {
            result = s.processed;
          },
          [](caf::error&) {});
  return result;
}

} // namespace switchboard::bench
