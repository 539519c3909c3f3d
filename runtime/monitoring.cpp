#include "runtime/monitoring.hpp"

#include <prometheus/registry.h>

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include "messages/database.hpp"
#include "messages/node.hpp"
#include "messages/queues.hpp"
#include "persistence/db_request.hpp"
#include "persistence/jobs_repo.hpp"

#include "version.hpp"

namespace switchboard {

namespace {

// Longer than one ping but well inside the HTTP handler timeout, so a
// database that hangs gives "unreachable" rather than a 503 timeout.
constexpr auto health_probe_timeout = std::chrono::seconds{2};

http::health_report base_report(const node_identity& id) {
  http::health_report report;
  report.node_id = id.node_id;
  report.version = version;
  report.started_at = id.started_at;
  return report;
}

void probe_database(caf::event_based_actor* self, http::health_report report,
                    std::function<void(http::health_report)> reply) {
  auto hdl = self->system().registry().get(database_atom_v);
  if (!hdl) {
    reply(std::move(report));
    return;
  }
  auto db = caf::actor_cast<database_actor>(hdl);
  self->request(db, health_probe_timeout, caf::ping_atom_v)
      .then(
          [report, reply](const db_ping& ping) mutable {
            report.database_reachable = ping.reachable;
            if (ping.reachable)
              report.database_latency
                  = std::chrono::microseconds{ping.latency_us};
            reply(std::move(report));
          },
          [report, reply](const caf::error&) {
            reply(report);
          });
}

http::queue_figures to_figures(const queue_stats& x) {
  http::queue_figures f;
  f.name = x.queue;
  f.waiting = static_cast<uint64_t>(x.waiting);
  f.active = static_cast<uint64_t>(x.active);
  f.completed = static_cast<uint64_t>(x.completed);
  f.failed = static_cast<uint64_t>(x.failed);
  f.delayed = static_cast<uint64_t>(x.delayed);
  f.dead = static_cast<uint64_t>(x.dead);
  f.paused = x.paused;
  return f;
}

// Every queue that holds jobs or was paused, from jobs_repo::stats_all;
// std::nullopt when the database does not answer within the probe timeout.
void read_queue_figures(caf::event_based_actor* self,
                        http::monitoring_deps::queue_reply reply) {
  auto db = caf::actor_cast<database_actor>(
      self->system().registry().get(database_atom_v));
  if (!db) return reply(std::nullopt);
  persistence::db_request(
      self, db, "queue figures",
      [](pqxx::connection_base& conn) {
        return persistence::jobs_repo::stats_all(conn);
      },
      [reply](std::vector<queue_stats> xs) {
        std::vector<http::queue_figures> result;
        for (const auto& x : xs)
          result.push_back(to_figures(x));
        reply(std::move(result));
      },
      [reply](const caf::error&) {
        reply(std::nullopt);
      },
      {health_probe_timeout, false});
}

} // namespace

http::monitoring_deps
make_monitoring_deps(caf::actor_system& sys, node_identity identity,
                     std::shared_ptr<prometheus::Registry> registry,
                     bool protect_monitoring,
                     std::function<void()> request_shutdown) {
  http::monitoring_deps deps;
  deps.health = [&sys, identity](auto reply) {
    sys.spawn([identity, reply](caf::event_based_actor* self) {
      probe_database(self, base_report(identity), reply);
    });
  };
  deps.queues = [&sys](http::monitoring_deps::queue_reply reply) {
    sys.spawn([reply](caf::event_based_actor* self) {
      read_queue_figures(self, reply);
    });
  };
  deps.request_shutdown = std::move(request_shutdown);
  deps.metrics.push_back(std::move(registry));
  deps.protect_monitoring = protect_monitoring;
  return deps;
}

} // namespace switchboard
