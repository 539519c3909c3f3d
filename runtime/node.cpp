#include "runtime/node.hpp"

#include <stdexcept>

#include <caf/actor_system.hpp>

#include "messages/error.hpp"
#include "messages/node.hpp"
#include "persistence/database_pool.hpp"
#include "runtime/cron_wiring.hpp"
#include "runtime/polling_wiring.hpp"
#include "runtime/queue_wiring.hpp"
#include "runtime/supervision/child_spec.hpp"
#include "runtime/supervision/settings.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace switchboard {

namespace {

// The configuration loader has validated these settings already; a failure
// here is a bug, reported at start-up.
supervisor_options options_for(const node_options& opts, std::string name) {
  auto parsed = supervisor_options_from(std::move(name), opts.cfg->supervision);
  if (!parsed)
    throw std::invalid_argument("supervision settings: "
                                + render(parsed.error()));
  auto result = std::move(*parsed);
  result.metrics = opts.metrics;
  result.shutdown_deadline
      = std::chrono::milliseconds{opts.cfg->node.shutdown_deadline_ms};
  return result;
}

// The pool reconnects with the database settings' backoff: exponential from
// reconnect_base_ms to reconnect_cap_ms with full jitter, so a fleet of
// nodes does not reconnect in lockstep.
persistence::pool_options pool_options_for(const node_options& opts) {
  const auto& db = opts.cfg->database;
  auto policy = exponential_backoff(
      std::chrono::milliseconds{db.reconnect_base_ms}, 2.0,
      std::chrono::milliseconds{db.reconnect_cap_ms}, jitter_mode::full);
  persistence::pool_options result;
  result.conninfo = opts.conninfo;
  result.settings = db;
  result.metrics = opts.metrics;
  result.reconnect_delay = [policy](uint32_t attempt) -> caf::timespan {
    return delay(policy, attempt > 0 ? attempt - 1 : 0);
  };
  return result;
}

// The database stops last: the domains drain through it (a worker pool
// releases its unfinished jobs, a poller stores what it fetched).
child_spec database_child(const node_options& opts) {
  auto pool = pool_options_for(opts);
  auto spec = make_child(
      "database", "database",
      [pool](caf::local_actor* sup, const std::string&) {
        return caf::actor_cast<caf::actor>(
            persistence::spawn_database_pool(sup->system(), pool));
      },
      restart_type::permanent, database_atom_v);
  auto tmpl = std::make_shared<child_template>(*spec.tmpl);
  tmpl->stop_last = true;
  spec.tmpl = std::move(tmpl);
  return spec;
}

// The children a domain supervisor starts with.
std::vector<child_spec> domain_children(const node_options& opts,
                                        caf::atom_value key) {
  if (key == polling_atom_v) return polling_children(*opts.cfg, opts.metrics);
  if (key != queues_atom_v) return {};
  queue_wiring_options queues;
  queues.cfg = opts.cfg;
  queues.conninfo = opts.conninfo;
  queues.metrics = opts.metrics;
  return queue_children(queues);
}

} // namespace

const std::vector<domain_supervisor>& domain_supervisors() {
  static const std::vector<domain_supervisor> all{
      {"polling_supervisor", polling_atom_v},
      {"scheduled_supervisor", scheduled_atom_v},
      {"recurring_supervisor", recurring_atom_v},
      {"sms_supervisor", sms_atom_v},
      {"queue_supervisor", queues_atom_v}};
  return all;
}

supervisor_actor spawn_node(caf::actor_system& sys, const node_options& opts) {
  std::vector<child_spec> children{database_child(opts)};
  for (const auto& domain : domain_supervisors()) {
    auto sub = options_for(opts, domain.name);
    // A domain supervisor stops its children before the node's deadline.
    sub.shutdown_deadline = sub.shutdown_deadline * 9 / 10;
    children.push_back(supervisor_child(std::move(sub),
                                        domain_children(opts, domain.key),
                                        restart_type::permanent, domain.key));
  }
  children.push_back(cron_child(*opts.cfg));
  return spawn_supervisor(sys, options_for(opts, "node_supervisor"),
                          std::move(children));
}

} // namespace switchboard
