#include "io/http/polling_json.hpp"

#include <cstdlib>

#include "io/rfc3339.hpp"

namespace switchboard::http {

namespace {

using njson = nlohmann::json;

njson time_json(caf::timestamp t) {
  return io::format_rfc3339_ms(
      std::chrono::time_point_cast<std::chrono::system_clock::duration>(t));
}

njson time_json(const caf::optional<caf::timestamp>& t) {
  return t ? time_json(*t) : njson(nullptr);
}

njson nullable(const std::string& text) {
  return text.empty() ? njson(nullptr) : njson(text);
}

response bad(const std::string& message) {
  return error(400, "invalid_argument", message);
}

} // namespace

njson account_json(const connected_account& x) {
  return {{"id", x.id},
          {"platform", x.platform},
          {"user_id", x.user_id},
          {"status", x.status},
          {"poll_interval_ms", x.poll_interval_ms},
          {"interval_ms", x.current_interval_ms},
          {"adaptive", x.adaptive},
          {"cursor", nullable(x.cursor)},
          {"last_polled_at", time_json(x.last_polled_at)},
          {"next_poll_at", time_json(x.next_poll_at)},
          {"last_error", nullable(x.last_error)},
          {"consecutive_failures", x.consecutive_failures},
          {"connected_at", time_json(x.connected_at)}};
}

njson stored_message_json(const stored_message& x) {
  return {{"id", x.id},
          {"account_id", x.account_id},
          {"platform", x.platform},
          {"platform_message_id", x.platform_message_id},
          {"conversation_id", nullable(x.conversation_id)},
          {"sender", nullable(x.sender)},
          {"body", x.body.value},
          {"sent_at", time_json(x.sent_at)},
          {"received_at", time_json(x.received_at)}};
}

njson poll_failure_json(const poll_failure& x) {
  return {{"id", x.id},
          {"account_id", x.account_id},
          {"platform", x.platform},
          {"error_kind", x.error_kind},
          {"error", x.error},
          {"attempts", x.attempts},
          {"failed_at", time_json(x.failed_at)},
          {"retried_at", time_json(x.retried_at)}};
}

njson polling_stats_json(const polling_stats& x) {
  njson platforms = njson::object();
  for (const auto& p : x.platforms)
    platforms[p.platform] = {{"polls", p.polls},
                             {"rate_limit_hits", p.rate_limit_hits},
                             {"avg_duration_ms", p.avg_duration_ms},
                             {"messages_per_poll", p.messages_per_poll}};
  return {{"waiting", x.waiting},
          {"active", x.active},
          {"completed", x.completed},
          {"failed", x.failed},
          {"delayed", x.delayed},
          {"parked", x.parked},
          {"platforms", platforms},
          {"lateness_ms",
           {{"p50", x.lateness_p50_ms},
            {"p99", x.lateness_p99_ms},
            {"max", x.lateness_max_ms}}}};
}

std::variant<account_connection, response>
parse_account_connection(const std::string& id, const njson& body,
                         bool (*known_platform)(std::string_view)) {
  if (!body.is_object()) return bad("expected a JSON object");
  account_connection x;
  x.id = id;
  for (auto [name, field] :
       {std::pair{"platform", &x.platform}, std::pair{"user_id", &x.user_id},
        std::pair{"access_token", &x.access_token.value}}) {
    auto i = body.find(name);
    if (i == body.end() || !i->is_string() || i->get<std::string>().empty())
      return bad(std::string{name} + " must be a non-empty string");
    *field = i->get<std::string>();
  }
  if (!known_platform(x.platform)) return bad("unknown platform");
  if (auto i = body.find("poll_interval_ms"); i != body.end()) {
    if (!i->is_number_integer() || i->get<int64_t>() < 0)
      return bad("poll_interval_ms must be a non-negative integer");
    x.poll_interval_ms = i->get<int64_t>();
  }
  if (auto i = body.find("adaptive"); i != body.end()) {
    if (!i->is_boolean()) return bad("adaptive must be a boolean");
    x.adaptive = i->get<bool>();
  }
  return x;
}

std::variant<size_t, response> parse_limit(const request& req, size_t fallback,
                                           size_t max) {
  auto i = req.query.find("limit");
  if (i == req.query.end()) return fallback;
  char* end = nullptr;
  auto n = std::strtoull(i->second.c_str(), &end, 10);
  if (i->second.empty() || *end != '\0' || n < 1)
    return bad("limit must be a positive integer");
  return static_cast<size_t>(std::min<unsigned long long>(n, max));
}

} // namespace switchboard::http
