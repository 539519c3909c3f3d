#include "runtime/supervision/scheduler_config.hpp"

#include <algorithm>
#include <thread>

#include <caf/actor_system_config.hpp>
#include <caf/atom.hpp>

namespace switchboard {

caf::actor_system_config& configure_scheduler(caf::actor_system_config& cfg) {
  auto cores = std::max(2u, std::thread::hardware_concurrency());
  cfg.set("scheduler.max-threads", static_cast<size_t>(cores));
  cfg.set("scheduler.policy", caf::atom("sharing"));
  return cfg;
}

} // namespace switchboard
