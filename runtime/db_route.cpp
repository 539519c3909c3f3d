#include "runtime/db_route.hpp"

#include <spdlog/spdlog.h>

#include <caf/sec.hpp>

#include "messages/error.hpp"

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

} // namespace switchboard
