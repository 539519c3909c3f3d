#include "io/http/cron_json.hpp"

#include "io/rfc3339.hpp"

namespace switchboard::http {

namespace {

using jvalue = nlohmann::json;

jvalue time_or_null(const caf::optional<caf::timestamp>& t) {
  return t ? jvalue(io::format_rfc3339_ms(*t)) : jvalue(nullptr);
}

jvalue entry_json(const cron_entry_status& x) {
  auto pending = jvalue::array();
  for (auto t : x.pending)
    pending.push_back(io::format_rfc3339_ms(t));
  return {
      {"name", x.name},
      {"expression", x.expression},
      {"zone", x.zone},
      {"queue", x.queue},
      {"kind", x.kind},
      {"missed", {{"policy", x.missed}, {"cap", x.missed_cap}}},
      {"last_fired_at", time_or_null(x.last_fired_at)},
      {"next_fire_at", time_or_null(x.next_fire_at)},
      {"pending", std::move(pending)},
      {"last_error",
       x.last_error.empty() ? jvalue(nullptr) : jvalue(x.last_error)},
  };
}

} // namespace

nlohmann::json cron_table_json(const std::vector<cron_entry_status>& xs) {
  auto items = jvalue::array();
  for (const auto& x : xs)
    items.push_back(entry_json(x));
  return {{"items", std::move(items)}, {"next_cursor", nullptr}};
}

} // namespace switchboard::http
