#include "runtime/cron_route.hpp"

#include <chrono>

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include "io/http/cron_json.hpp"
#include "io/http/message.hpp"
#include "messages/cron.hpp"

namespace switchboard {

namespace {

constexpr auto ask_timeout = std::chrono::seconds{5};

http::response unavailable() {
  return http::error(503, "unavailable", "the cron actor is not running");
}

} // namespace

void add_cron_route(http::router& r, caf::actor_system& sys) {
  r.add("GET", "/api/cron", [&sys](http::request, http::responder respond) {
    auto cron = caf::actor_cast<cron_actor>(sys.registry().get(cron_atom_v));
    if (!cron) return void(respond(unavailable()));
    sys.spawn([cron, respond](caf::event_based_actor* self) {
      self->request(cron, ask_timeout, caf::get_atom_v)
          .then(
              [respond](const std::vector<cron_entry_status>& xs) {
                respond(http::json(200, http::cron_table_json(xs)));
              },
              [respond](const caf::error&) {
                respond(unavailable());
              });
    });
  });
}

} // namespace switchboard
