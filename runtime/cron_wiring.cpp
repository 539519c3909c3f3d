#include "runtime/cron_wiring.hpp"

#include <caf/actor_cast.hpp>
#include <caf/local_actor.hpp>

#include "actors/queues/job_defaults.hpp"
#include "actors/queues/queue_table.hpp"
#include "messages/cron.hpp"
#include "runtime/supervision/child_spec.hpp"

namespace switchboard {

cron::cron_options node_cron_options(const config& cfg) {
  auto queues = cfg.queues;
  cron::cron_options opts;
  opts.job_defaults = [queues](new_job& x) {
    if (auto* settings = find_queue_settings(queues, x.queue))
      apply_queue_defaults(x, *settings);
  };
  return opts;
}

child_spec cron_child(const config& cfg) {
  auto opts = node_cron_options(cfg);
  return make_child(
      "cron", "cron",
      [opts](caf::local_actor* sup, const std::string&) {
        return caf::actor_cast<caf::actor>(
            cron::spawn_cron(sup->system(), opts));
      },
      restart_type::permanent, cron_atom_v);
}

} // namespace switchboard
