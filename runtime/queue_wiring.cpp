#include "runtime/queue_wiring.hpp"

#include <unistd.h>

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>

#include "actors/queues/janitor.hpp"
#include "actors/queues/queue_table.hpp"
#include "actors/queues/worker_pool.hpp"
#include "messages/node.hpp"
#include "persistence/job_listener.hpp"
#include "runtime/amqp_wiring.hpp"
#include "runtime/job_handlers.hpp"
#include "runtime/supervision/backoff.hpp"
#include "runtime/supervision/child_spec.hpp"

namespace switchboard {

namespace {

using std::chrono::milliseconds;

std::string node_name(const queue_wiring_options& opts) {
  if (!opts.node_id.empty()) return opts.node_id;
  if (!opts.cfg->node.id.empty()) return opts.cfg->node.id;
  char host[256] = {};
  ::gethostname(host, sizeof(host) - 1);
  return std::string{host} + "-" + std::to_string(::getpid());
}

template <class Handle>
std::function<Handle()> registry_lookup(caf::actor_system& sys,
                                        caf::atom_value key) {
  return [&sys, key] {
    return caf::actor_cast<Handle>(sys.registry().get(key));
  };
}

// The listener reconnects like the database pool: exponential from the
// database's reconnect base to its cap, full jitter.
child_spec listener_child(const queue_wiring_options& opts) {
  const auto& db = opts.cfg->database;
  auto policy = exponential_backoff(milliseconds{db.reconnect_base_ms}, 2.0,
                                    milliseconds{db.reconnect_cap_ms},
                                    jitter_mode::full);
  persistence::job_listener_options listener;
  listener.conninfo = opts.conninfo;
  listener.reconnect_delay = [policy](uint32_t attempt) -> caf::timespan {
    return delay(policy, attempt > 0 ? attempt - 1 : 0);
  };
  return make_child(
      "job_listener", "job_listener",
      [listener](caf::local_actor* sup, const std::string&) {
        return caf::actor_cast<caf::actor>(
            persistence::spawn_job_listener(sup->system(), listener));
      },
      restart_type::permanent, job_listener_atom_v);
}

child_spec janitor_child(const queue_wiring_options& opts) {
  const auto& q = opts.cfg->queues;
  return make_child(
      "queue_janitor", "queue_janitor",
      [q](caf::local_actor* sup, const std::string&) {
        janitor_options janitor;
        janitor.rescue_interval = milliseconds{q.rescue_interval_ms};
        janitor.prune_interval = milliseconds{q.prune_interval_ms};
        janitor.retention = milliseconds{q.retention_ms};
        janitor.database
            = registry_lookup<database_actor>(sup->system(), database_atom_v);
        return caf::actor_cast<caf::actor>(
            spawn_queue_janitor(sup->system(), std::move(janitor)));
      });
}

worker_pool_options pool_options(const queue_wiring_options& opts,
                                 const named_queue& queue) {
  const auto& q = opts.cfg->queues;
  worker_pool_options result;
  result.queue = queue.name;
  result.worker = node_name(opts) + "/" + queue.name;
  result.concurrency = queue.settings->concurrency;
  result.claim_batch = q.claim_batch;
  result.claim_ahead = milliseconds{q.claim_ahead_ms};
  result.trips_in_flight = q.trips_in_flight;
  result.prefetch_below = milliseconds{q.prefetch_below_ms};
  result.lock = milliseconds{q.lock_ms};
  result.heartbeat = milliseconds{q.heartbeat_ms};
  result.drain = milliseconds{q.drain_ms};
  result.settings = *queue.settings;
  result.handlers = job_handlers(*opts.cfg, queue.name);
  result.metrics = opts.metrics;
  return result;
}

child_spec pool_child(const queue_wiring_options& opts,
                      const named_queue& queue) {
  auto base = pool_options(opts, queue);
  return make_child(
      "pool-" + queue.name, "worker_pool",
      [base](caf::local_actor* sup, const std::string&) {
        auto& sys = sup->system();
        auto pool = base;
        pool.database = registry_lookup<database_actor>(sys, database_atom_v);
        pool.listener = registry_lookup<caf::actor>(sys, job_listener_atom_v);
        return caf::actor_cast<caf::actor>(spawn_worker_pool(sys, pool));
      });
}

} // namespace

std::vector<child_spec> queue_children(const queue_wiring_options& opts) {
  std::vector<child_spec> result{listener_child(opts), janitor_child(opts)};
  for (auto& queue : configured_queues(opts.cfg->queues))
    if (queue.settings->enabled) result.push_back(pool_child(opts, queue));
  if (auto ingest = amqp_child(*opts.cfg)) result.push_back(std::move(*ingest));
  return result;
}

} // namespace switchboard
