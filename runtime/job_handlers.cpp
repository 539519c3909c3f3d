#include "runtime/job_handlers.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>

#include "actors/queues/blocking_handler.hpp"
#include "actors/queues/handlers/cleanup/cleanup_handler.hpp"
#include "actors/queues/handlers/media/media_handler.hpp"
#include "actors/queues/handlers/notification/notification_service.hpp"
#include "messages/node.hpp"
#include "messages/polling_ops.hpp"

namespace switchboard {

namespace {

// Handlers are spawned when a pool first needs them (after the database
// child started), so the registry holds the node's current singletons.
template <class Handle>
Handle lookup(caf::actor_system& sys, caf::atom_value key) {
  return caf::actor_cast<Handle>(sys.registry().get(key));
}

database_actor database(caf::actor_system& sys) {
  return lookup<database_actor>(sys, database_atom_v);
}

void add(handler_table& table, std::initializer_list<const char*> kinds,
         const handler_factory& factory) {
  for (auto kind : kinds)
    table[kind] = factory;
}

void add_notification(handler_table& table, const config& cfg) {
  add(table, {"push", "email", "sms"}, [cfg](caf::actor_system& sys) {
    return notify::spawn_notification_service(
        sys, {cfg.notifications, cfg.database, database(sys),
              lookup<http_client_actor>(sys, http_client_atom_v)});
  });
}

void add_media(handler_table& table, const config& cfg) {
  auto opts = media_jobs::media_options(cfg);
  add(table, {"image", "audio", "video"}, [opts](caf::actor_system& sys) {
    return media_jobs::spawn_media_handler(sys, opts, database(sys));
  });
}

void add_cleanup(handler_table& table, const config& cfg) {
  auto opts = cleanup_jobs::cleanup_options(cfg);
  add(table,
      {"stories", "sessions", "messages", "temp_files", "prekeys",
       "orphaned_media", "maintenance", "database_maintenance", "statistics",
       "stale_websockets", "health_check"},
      [opts](caf::actor_system& sys) {
        return cleanup_jobs::spawn_cleanup_handler(sys, opts, database(sys));
      });
}

} // namespace

handler_table job_handlers(const config& cfg, const std::string& queue) {
  handler_table result;
  result["noop"] = [](caf::actor_system& sys) {
    return make_noop_handler(sys);
  };
  if (queue == "notification")
    add_notification(result, cfg);
  else if (queue == "media")
    add_media(result, cfg);
  else if (queue == "cleanup")
    add_cleanup(result, cfg);
  return result;
}

} // namespace switchboard
