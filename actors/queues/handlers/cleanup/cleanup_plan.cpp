#include "actors/queues/handlers/cleanup/cleanup_plan.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace switchboard::cleanup_jobs {

namespace {

using nlohmann::json;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr std::array<std::pair<const char*, cleanup_kind>, 11> kinds{{
    {"stories", cleanup_kind::stories},
    {"sessions", cleanup_kind::sessions},
    {"messages", cleanup_kind::messages},
    {"temp_files", cleanup_kind::temp_files},
    {"prekeys", cleanup_kind::prekeys},
    {"orphaned_media", cleanup_kind::orphaned_media},
    {"maintenance", cleanup_kind::maintenance},
    {"database_maintenance", cleanup_kind::maintenance},
    {"statistics", cleanup_kind::statistics},
    {"stale_websockets", cleanup_kind::stale_websockets},
    {"health_check", cleanup_kind::health_check},
}};

std::optional<cleanup_kind> kind_named(const std::string& name) {
  for (const auto& [text, kind] : kinds)
    if (name == text) return kind;
  return std::nullopt;
}

using plan_or_error = std::variant<cleanup_plan, std::string>;

// data.<field> as a count of `unit`, at least the configured `floor`.
template <class Unit>
plan_or_error with_age(cleanup_plan plan, const json& data, const char* field,
                       Unit floor) {
  plan.age = floor;
  auto it = data.find(field);
  if (it == data.end()) return plan;
  if (!it->is_number_unsigned() || it->get<uint64_t>() == 0
      || it->get<uint64_t>() > 100'000)
    return std::string{"payload.data."} + field
           + ": not a positive integer up to 100000";
  plan.age = std::max<seconds>(floor, Unit{it->get<int64_t>()});
  return plan;
}

plan_or_error with_operation(cleanup_plan plan, const json& data) {
  auto it = data.find("operation");
  plan.operation = "vacuum_analyze";
  if (it == data.end()) return plan;
  if (!it->is_string()
      || (*it != "vacuum_analyze" && *it != "analyze" && *it != "vacuum"))
    return std::string{
        "payload.data.operation: not vacuum_analyze, analyze or vacuum"};
  plan.operation = it->get<std::string>();
  return plan;
}

cleanup_plan with_window(cleanup_plan plan,
                         std::chrono::system_clock::time_point run_at) {
  auto since_epoch = run_at.time_since_epoch();
  auto windows = std::chrono::floor<hours>(since_epoch) / statistics_window;
  plan.window_end = std::chrono::system_clock::time_point{
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          windows * statistics_window)};
  plan.window_start = plan.window_end - statistics_window;
  return plan;
}

plan_or_error plan_of(cleanup_plan plan, const json& data,
                      const cleanup_settings& s,
                      std::chrono::system_clock::time_point run_at) {
  using days = std::chrono::duration<int64_t, std::ratio<86400>>;
  switch (plan.kind) {
  case cleanup_kind::stories:
    return with_age(plan, data, "older_than_hours", hours{s.stories_ttl_hours});
  case cleanup_kind::sessions:
    return with_age(plan, data, "inactive_days",
                    days{s.sessions_inactive_days});
  case cleanup_kind::messages:
    return with_age(plan, data, "older_than_days",
                    days{s.messages_retention_days});
  case cleanup_kind::temp_files:
    return with_age(plan, data, "older_than_hours",
                    hours{s.temp_files_max_age_hours});
  case cleanup_kind::prekeys:
    plan.age = hours{s.prekeys_used_retention_hours};
    plan.unused_age = days{s.prekeys_max_age_days};
    plan.min_unused = s.prekeys_min_unused;
    return plan;
  case cleanup_kind::orphaned_media:
    plan.age = hours{s.orphaned_media_min_age_hours};
    return plan;
  case cleanup_kind::maintenance: return with_operation(plan, data);
  case cleanup_kind::statistics: return with_window(plan, run_at);
  case cleanup_kind::stale_websockets:
    plan.age = minutes{s.stale_websocket_minutes};
    return plan;
  case cleanup_kind::health_check: return plan;
  }
  return plan;
}

} // namespace

const char* to_string(cleanup_kind x) {
  if (x == cleanup_kind::maintenance) return "maintenance";
  for (const auto& [text, kind] : kinds)
    if (kind == x) return text;
  return "unknown";
}

plan_or_error plan_cleanup(const std::string& kind, const std::string& payload,
                           const cleanup_settings& settings,
                           std::chrono::system_clock::time_point run_at) {
  auto doc = json::parse(payload.empty() ? "{}" : payload, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return std::string{"payload: not a JSON object"};
  auto type_it = doc.find("type");
  if (type_it != doc.end() && !type_it->is_string())
    return std::string{"payload.type: not a string"};
  auto type = type_it != doc.end() ? type_it->get<std::string>() : kind;
  auto parsed = kind_named(type);
  if (!parsed) return "unknown cleanup type " + type;
  auto job_kind = kind_named(kind);
  if (job_kind && *job_kind != *parsed)
    return "payload.type " + type + " but job kind " + kind;
  auto data_it = doc.find("data");
  auto data = data_it == doc.end() ? json::object() : *data_it;
  if (!data.is_object()) return std::string{"payload.data: not an object"};
  cleanup_plan plan;
  plan.kind = *parsed;
  plan.batch = settings.batch_size;
  return plan_of(plan, data, settings, run_at);
}

} // namespace switchboard::cleanup_jobs
