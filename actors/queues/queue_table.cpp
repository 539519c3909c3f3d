#include "actors/queues/queue_table.hpp"

namespace switchboard {

std::vector<named_queue> configured_queues(const queues_settings& all) {
  return {{"media", &all.media},
          {"notification", &all.notification},
          {"cleanup", &all.cleanup},
          {"broadcast", &all.broadcast}};
}

const queue_settings* find_queue_settings(const queues_settings& all,
                                          std::string_view name) {
  for (auto& queue : configured_queues(all))
    if (queue.name == name) return queue.settings;
  return nullptr;
}

} // namespace switchboard
