#include "runtime/node.hpp"

#include <stdexcept>

#include <caf/actor_system.hpp>

#include "messages/error.hpp"
#include "messages/node.hpp"
#include "persistence/database_pool.hpp"
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

child_spec database_child(const node_options& opts) {
  auto pool = pool_options_for(opts);
  return make_child(
      "database", "database",
      [pool](caf::local_actor* sup, const std::string&) {
        return caf::actor_cast<caf::actor>(
            persistence::spawn_database_pool(sup->system(), pool));
      },
      restart_type::permanent, database_atom_v);
}

} // namespace

const std::vector<std::string>& domain_supervisor_names() {
  static const std::vector<std::string> names{
      "polling_supervisor", "scheduled_supervisor", "recurring_supervisor",
      "sms_supervisor", "queue_supervisor"};
  return names;
}

supervisor_actor spawn_node(caf::actor_system& sys, const node_options& opts) {
  std::vector<child_spec> children{database_child(opts)};
  for (const auto& name : domain_supervisor_names()) {
    auto sub = options_for(opts, name);
    // A domain supervisor stops its children before the node's deadline.
    sub.shutdown_deadline = sub.shutdown_deadline * 9 / 10;
    children.push_back(supervisor_child(std::move(sub), {}));
  }
  return spawn_supervisor(sys, options_for(opts, "node_supervisor"),
                          std::move(children));
}

} // namespace switchboard
