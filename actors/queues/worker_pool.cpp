#include "actors/queues/worker_pool.hpp"

#include <caf/actor_system.hpp>

#include "actors/queues/worker_pool_state.hpp"
#include "persistence/db_request.hpp"
#include "persistence/jobs_repo.hpp"

namespace switchboard {

namespace {

namespace jobs_repo = persistence::jobs_repo;

// Pause and resume change the queue in the database (for every node); the
// answer waits for the commit.
caf::result<caf::ok_atom> set_paused(worker_pool_pointer self, bool paused) {
  auto rp = self->make_response_promise<caf::ok_atom>();
  auto db = self->state.database();
  if (!db) {
    rp.deliver(caf::make_error(caf::sec::invalid_argument, "no database"));
    return rp;
  }
  persistence::db_request(
      self, db, paused ? "pause queue" : "resume queue",
      [queue = self->state.opts.queue, paused](pqxx::connection_base& conn) {
        if (paused)
          jobs_repo::pause(conn, queue);
        else
          jobs_repo::resume(conn, queue);
      },
      [self, rp, paused]() mutable {
        self->state.paused = paused;
        if (!paused) self->state.wake();
        rp.deliver(caf::ok_atom_v);
      },
      [rp](const caf::error& err) mutable {
        rp.deliver(err);
      });
  return rp;
}

worker_pool_actor::behavior_type worker_pool(worker_pool_pointer self,
                                             worker_pool_options opts) {
  auto& st = self->state;
  self->set_exit_handler([self](const caf::exit_msg& msg) {
    self->state.on_exit_msg(msg);
  });
  self->set_down_handler([self](const caf::down_msg& msg) {
    self->state.on_down(msg);
  });
  st.init(std::move(opts));
  return {
      [self](caf::get_atom, stats_atom) {
        return self->state.stats();
      },
      [self](pause_atom) {
        return set_paused(self, true);
      },
      [self](resume_atom) {
        return set_paused(self, false);
      },
      [self](wake_atom) {
        self->state.wake();
      },
      [self](wake_atom, uint64_t generation) {
        if (generation == worker_pool_state::flush_generation)
          self->state.on_flush();
        else
          self->state.on_timer(generation);
      },
      [self](heartbeat_atom, uint64_t generation) {
        self->state.on_heartbeat(generation);
      },
      [self](drain_atom) {
        self->state.on_drain_deadline();
      },
      [self](start_atom, const std::string& id) {
        self->state.on_start(id);
      },
      [self](deadline_atom, uint64_t generation) {
        self->state.on_deadline(generation);
      },
      [self](subscribe_atom) {
        self->state.subscribe();
      },
      [self](progress_atom, const std::string& id, const std::string& json) {
        self->state.progress(id, json);
      },
  };
}

} // namespace

worker_pool_actor spawn_worker_pool(caf::actor_system& sys,
                                    worker_pool_options opts) {
  return sys.spawn(worker_pool, std::move(opts));
}

} // namespace switchboard
