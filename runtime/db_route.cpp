#include "runtime/db_route.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/sec.hpp>

#include "messages/error.hpp"
#include "messages/node.hpp"

namespace switchboard {

http::response db_error_response(const caf::error& err) {
  if (err == errc::db_overloaded)
    return http::error(429, "busy", "the database is busy, try again later");
  if (err == errc::db_unavailable || err == errc::db_timeout
      || err == errc::shutting_down || err == caf::sec::request_timeout
      || err == caf::sec::request_receiver_down)
    return http::error(503, "unavailable", "the database is not available");
  // The pool logged the details (SQLSTATE, never SQL text or values).
  spdlog::warn("database request failed: {}", render(err));
  return http::error(500, "internal", "the database request failed");
}

db_route_context node_db_route_context(caf::actor_system& sys,
                                       const http_settings& http) {
  db_route_context ctx;
  ctx.sys = &sys;
  ctx.database = [&sys] {
    return caf::actor_cast<database_actor>(sys.registry().get(database_atom_v));
  };
  auto handler = std::chrono::milliseconds{http.handler_timeout_ms};
  ctx.timeout = std::max<caf::timespan>(handler - handler / 10,
                                        std::chrono::seconds{1});
  return ctx;
}

} // namespace switchboard
