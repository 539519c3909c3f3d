#include "persistence/database_pool.hpp"

#include <chrono>
#include <pqxx/pqxx>
#include <stdexcept>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>

#include "persistence/database_pool_state.hpp"

namespace switchboard::persistence {

namespace {

// `SELECT 1` timed on the connection that runs it.
db_task ping_task() {
  auto run = [](pqxx::connection_base& conn) {
    auto start = std::chrono::steady_clock::now();
    pqxx::nontransaction tx{conn};
    tx.exec("SELECT 1");
    auto elapsed = std::chrono::steady_clock::now() - start;
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(elapsed);
    return caf::make_message(db_ping{true, us.count()});
  };
  return db_task{run, "ping", true};
}

template <class Promise>
pending_request exec_request(db_task task, Promise rp) {
  auto answer = [rp](caf::expected<caf::message> result) mutable {
    if (result)
      rp.deliver(db_reply{std::move(*result)});
    else
      rp.deliver(std::move(result.error()));
  };
  return pending_request{std::move(task), std::move(answer)};
}

template <class Promise>
pending_request ping_request(Promise rp) {
  // A failed ping is an answer too: the database is not reachable.
  auto answer = [rp](caf::expected<caf::message> result) mutable {
    if (result && result->match_elements<db_ping>())
      rp.deliver(result->get_as<db_ping>(0));
    else
      rp.deliver(db_ping{false, 0});
  };
  return pending_request{ping_task(), std::move(answer)};
}

pool_actor::behavior_type
database_pool(pool_actor::stateful_pointer<database_pool_state> self,
              pool_options opts) {
  auto& st = self->state;
  st.start(std::move(opts));
  self->set_exit_handler([self](caf::exit_msg& msg) {
    self->state.begin_shutdown(msg.reason);
  });
  self->set_down_handler([self](caf::down_msg& msg) {
    self->state.on_worker_down(msg.source);
  });
  return {
      [self](exec_atom, db_task& task) -> caf::result<db_reply> {
        if (auto err = self->state.admission_error()) return err;
        auto rp = self->make_response_promise<db_reply>();
        self->state.submit(exec_request(std::move(task), rp));
        return rp;
      },
      [self](caf::ping_atom) -> caf::result<db_ping> {
        if (self->state.stopping() || self->state.stats().connected == 0)
          return db_ping{false, 0};
        auto rp = self->make_response_promise<db_ping>();
        self->state.submit(ping_request(rp), true);
        return rp;
      },
      [self](caf::get_atom, stats_atom) {
        return self->state.stats();
      },
      [self](caf::connect_atom, uint32_t index, uint64_t epoch) {
        self->state.on_reconnect_timer(index, epoch);
      },
      [self](caf::timeout_atom, uint64_t generation) {
        self->state.on_sweep_timer(generation);
      },
      [self](stop_atom) {
        self->state.on_drain_deadline();
      },
  };
}

} // namespace

database_actor spawn_database_pool(caf::actor_system& sys, pool_options opts) {
  if (opts.settings.pool_size == 0)
    throw std::invalid_argument("database pool_size must be at least 1");
  if (!opts.reconnect_delay)
    throw std::invalid_argument("database pool needs a reconnect_delay");
  return sys.spawn(database_pool, std::move(opts));
}

} // namespace switchboard::persistence
