#pragma once

#include <string>
#include <string_view>

#include "config/config.hpp"
#include "config/environment.hpp"
#include "config/origin.hpp"

namespace switchboard {

/// Every environment variable that configures switchboard starts with this.
inline constexpr std::string_view env_prefix = "SWITCHBOARD_";

/// The variable that overrides `key`: "SWITCHBOARD_" + the key in capitals
/// with "." as "__" (http.port: SWITCHBOARD_HTTP__PORT).
std::string env_name(std::string_view key);

/// Applies every SWITCHBOARD_* variable of `env` to `cfg` (later entries win)
/// and records the variable's name in `origins`; other variables are
/// ignored. Throws config_error for a SWITCHBOARD_* variable that names no
/// key or holds a value its key rejects.
void apply_environment(const environment& env, config& cfg,
                       origin_map& origins);

} // namespace switchboard
