#include "io/gateways/json_fields.hpp"

#include "io/rfc3339.hpp"

namespace switchboard::gateways {

std::string text_of(const nlohmann::json& obj, const char* key) {
  auto i = obj.find(key);
  return i != obj.end() && i->is_string() ? i->get<std::string>() : "";
}

caf::optional<caf::timestamp> time_of(const nlohmann::json& obj,
                                      const char* key) {
  auto at = io::parse_rfc3339(text_of(obj, key));
  if (!at) return caf::none;
  return caf::timestamp{
      std::chrono::duration_cast<caf::timespan>(at->time_since_epoch())};
}

} // namespace switchboard::gateways
