#include "actors/queues/janitor.hpp"

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/queue_log.hpp"
#include "persistence/db_request.hpp"
#include "persistence/jobs_repo.hpp"

namespace switchboard {

namespace {

namespace jobs_repo = persistence::jobs_repo;

struct janitor_state {
  static inline const char* name = "queue_janitor";
  janitor_options opts;
};

using janitor_pointer = queue_janitor_actor::stateful_pointer<janitor_state>;

// Runs `fn` and then sets the next timer, whatever the outcome.
template <class Atom, class F, class Log>
void run_then_rearm(janitor_pointer self, const char* label, Atom next,
                    std::chrono::milliseconds interval, F fn, Log log) {
  auto rearm = [self, next, interval] {
    self->delayed_send(self, interval, next);
  };
  auto db = self->state.opts.database ? self->state.opts.database()
                                      : database_actor{};
  if (!db) return rearm();
  persistence::db_request(
      self, db, label, std::move(fn),
      [rearm, log](size_t n) {
        log(n);
        rearm();
      },
      [rearm, label, self](const caf::error& err) {
        queue_log()->warn("queue janitor: {} failed: {}", label,
                          self->system().render(err));
        rearm();
      });
}

queue_janitor_actor::behavior_type janitor(janitor_pointer self,
                                           janitor_options opts) {
  self->state.opts = std::move(opts);
  self->send(self, rescue_atom_v);
  self->send(self, prune_atom_v);
  return {
      [self](rescue_atom) {
        run_then_rearm(
            self, "rescue expired jobs", rescue_atom_v,
            self->state.opts.rescue_interval,
            [](pqxx::connection_base& conn) {
              return jobs_repo::rescue_expired(conn);
            },
            [](size_t n) {
              if (n > 0)
                queue_log()->warn("rescued {} jobs with expired locks", n);
            });
      },
      [self](prune_atom) {
        run_then_rearm(
            self, "prune completed jobs", prune_atom_v,
            self->state.opts.prune_interval,
            [retention
             = self->state.opts.retention](pqxx::connection_base& conn) {
              return jobs_repo::prune_completed(conn, retention);
            },
            [](size_t n) {
              if (n > 0) queue_log()->info("pruned {} completed jobs", n);
            });
      },
  };
}

} // namespace

queue_janitor_actor spawn_queue_janitor(caf::actor_system& sys,
                                        janitor_options opts) {
  return sys.spawn(janitor, std::move(opts));
}

} // namespace switchboard
