#pragma once

// Reading optional fields of a platform's JSON answer the same way in every
// codec: a field that is absent or of another type reads as empty.

#include <nlohmann/json.hpp>
#include <string>

#include <caf/optional.hpp>
#include <caf/timestamp.hpp>

namespace switchboard::gateways {

/// The string at `key` of object `obj`, else "".
std::string text_of(const nlohmann::json& obj, const char* key);

/// The RFC 3339 date-time at `key` of `obj`, else none.
caf::optional<caf::timestamp> time_of(const nlohmann::json& obj,
                                      const char* key);

} // namespace switchboard::gateways
