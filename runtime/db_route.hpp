#pragma once

// How an HTTP route runs one database task: a one-shot actor asks the
// database actor (looked up per request, so a restarted pool is found) and
// answers through the responder. Every request has a finite timeout below
// the server's handler timeout, and a database that is down, overloaded or
// slow becomes a JSON error (503, 429), never a hang.

#include <functional>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/timespan.hpp>

#include "config/config.hpp"
#include "io/http/message.hpp"
#include "io/http/responder.hpp"
#include "messages/database.hpp"
#include "persistence/db_request.hpp"

namespace switchboard {

/// What a route needs to reach the database.
struct db_route_context {
  caf::actor_system* sys = nullptr;
  /// The live database actor, or an invalid handle while there is none.
  std::function<database_actor()> database;
  caf::timespan timeout = std::chrono::seconds{5};
};

/// The node's context: the database found in the registry per request, and
/// a timeout that answers before the server's handler timeout would (503
/// without a body of ours), never below a second.
db_route_context node_db_route_context(caf::actor_system& sys,
                                       const http_settings& http);

/// The answer to a failed database request: 503 `unavailable` when the
/// database is down, slow or stopping, 429 `busy` when its queue is full,
/// 500 `internal` otherwise. Never carries SQL or values.
http::response db_error_response(const caf::error& err);

/// Runs `fn` (a function of the connection, see db_request.hpp) and answers
/// `respond(to_response(value))`, or the error response.
template <class F, class ToResponse>
void answer_from_db(const db_route_context& ctx, http::responder respond,
                    const char* label, F fn, ToResponse to_response) {
  auto db = ctx.database ? ctx.database() : database_actor{};
  if (!db) {
    respond(http::error(503, "unavailable", "the database is not running"));
    return;
  }
  auto timeout = ctx.timeout;
  ctx.sys->spawn([=](caf::event_based_actor* self) {
    persistence::db_request(
        self, db, label, fn,
        [respond, to_response](auto value) {
          respond(to_response(std::move(value)));
        },
        [respond](const caf::error& err) {
          respond(db_error_response(err));
        },
        {timeout, false});
  });
}

} // namespace switchboard
