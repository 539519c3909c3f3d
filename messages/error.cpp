#include "messages/error.hpp"

#include <caf/atom.hpp>
#include <caf/deep_to_string.hpp>

namespace switchboard {

const char* to_string(errc x) {
  switch (x) {
  case errc::none: return "none";
  case errc::db_unavailable: return "db_unavailable";
  case errc::db_overloaded: return "db_overloaded";
  case errc::db_timeout: return "db_timeout";
  case errc::db_query_failed: return "db_query_failed";
  case errc::schema_too_new: return "schema_too_new";
  case errc::restart_intensity: return "restart_intensity";
  case errc::child_start_failed: return "child_start_failed";
  case errc::not_found: return "not_found";
  case errc::invalid_argument: return "invalid_argument";
  case errc::shutting_down: return "shutting_down";
  case errc::internal: return "internal";
  case errc::net_connect_timeout: return "net_connect_timeout";
  case errc::net_read_timeout: return "net_read_timeout";
  case errc::net_total_timeout: return "net_total_timeout";
  case errc::net_connection_refused: return "net_connection_refused";
  case errc::net_connection_reset: return "net_connection_reset";
  case errc::net_dns_failure: return "net_dns_failure";
  case errc::net_tls_failure: return "net_tls_failure";
  case errc::net_tls_verify_failed: return "net_tls_verify_failed";
  case errc::net_response_too_large: return "net_response_too_large";
  case errc::net_malformed_response: return "net_malformed_response";
  case errc::net_queue_full: return "net_queue_full";
  case errc::net_failure: return "net_failure";
  }
  return "unknown";
}

std::string render(errc code, const caf::message& context) {
  std::string out = to_string(code);
  if (!context.empty()) out += ": " + caf::deep_to_string(context);
  return out;
}

std::string render(const caf::error& err) {
  if (!err) return "none";
  if (err.category() != caf::atom("sb")) return caf::to_string(err);
  return render(static_cast<errc>(err.code()), err.context());
}

} // namespace switchboard
