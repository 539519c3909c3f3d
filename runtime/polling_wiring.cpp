#include "runtime/polling_wiring.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>

#include "actors/polling/poll_store.hpp"
#include "actors/polling/poller_template.hpp"
#include "actors/polling/polling_manager.hpp"
#include "messages/node.hpp"
#include "messages/polling_ops.hpp"
#include "runtime/encryption_key.hpp"
#include "runtime/supervision/child_spec.hpp"

namespace switchboard {

namespace {

using namespace std::chrono;

template <class Handle>
std::function<Handle()> lookup(caf::actor_system* sys, caf::atom_value key) {
  return [sys, key] {
    return caf::actor_cast<Handle>(sys->registry().get(key));
  };
}

polling::poller_deps poller_deps_for(caf::actor_system& sys,
                                     const config& cfg) {
  const auto& p = cfg.polling;
  polling::poller_deps deps;
  deps.database = lookup<database_actor>(&sys, database_atom_v);
  deps.http = lookup<http_client_actor>(&sys, http_client_atom_v);
  deps.manager = lookup<caf::actor>(&sys, polling_manager_atom_v);
  deps.store = lookup<caf::actor>(&sys, poll_store_atom_v);
  deps.ring = polling_keyring(cfg);
  deps.endpoints = polling_endpoints(cfg);
  deps.timing.server_error_delay = milliseconds{p.server_error_delay_ms};
  deps.timing.retry_backoff = exponential_backoff(
      milliseconds{p.retry_base_ms}, 2.0,
      milliseconds{uint64_t{p.retry_base_ms} << std::min(p.max_retries, 20u)});
  deps.timing.max_retries = p.max_retries;
  deps.adaptive.min = milliseconds{p.min_interval_ms};
  deps.adaptive.max = milliseconds{p.max_interval_ms};
  deps.default_interval = milliseconds{p.default_interval_ms};
  deps.timer_slack = milliseconds{p.timer_slack_ms};
  deps.now = [] {
    return caf::make_timestamp();
  };
  return deps;
}

} // namespace

std::shared_ptr<const crypto::keyring> polling_keyring(const config& cfg) {
  return resolve_encryption_keys(cfg.polling.encryption_key,
                                 cfg.polling.key_file, cfg.data_dir)
      .ring;
}

gateways::gateway_endpoints polling_endpoints(const config& cfg) {
  gateways::gateway_endpoints out;
  const auto& sims = cfg.simulators;
  if (!sims.enabled) return out;
  auto base = "http://" + sims.bind + ":";
  out.twitter = base + std::to_string(sims.twitter_port);
  out.linkedin = base + std::to_string(sims.linkedin_port);
  return out;
}

std::vector<child_spec> polling_children(const config& cfg,
                                         prometheus::Registry* metrics) {
  auto start = [cfg, metrics](caf::local_actor* sup, const std::string&) {
    auto& sys = sup->system();
    auto pollers = std::make_shared<const polling::poller_deps>(
        poller_deps_for(sys, cfg));
    auto deps = std::make_shared<polling::manager_deps>();
    deps->pollers = pollers;
    deps->poller_template = polling::make_poller_template(pollers);
    deps->metrics = metrics;
    return caf::actor_cast<caf::actor>(sys.spawn(
        polling::polling_manager, caf::actor_cast<supervisor_actor>(sup),
        std::shared_ptr<const polling::manager_deps>{deps}));
  };
  auto ring = polling_keyring(cfg);
  auto store_delay = milliseconds{cfg.polling.store_max_delay_ms};
  auto store = [ring, store_delay](caf::local_actor* sup, const std::string&) {
    auto& sys = sup->system();
    polling::poll_store_options opts;
    opts.database = lookup<database_actor>(&sys, database_atom_v);
    opts.ring = ring;
    opts.max_delay = store_delay;
    return polling::spawn_poll_store(sys, std::move(opts));
  };
  // The writer first: pollers store through it from their first poll.
  return {make_child("poll_store", "poll_store", store, restart_type::permanent,
                     poll_store_atom_v),
          make_child("polling_manager", "polling_manager", start,
                     restart_type::permanent, polling_manager_atom_v)};
}

} // namespace switchboard
