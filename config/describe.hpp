#pragma once

#include <string>

#include "config/config.hpp"

namespace switchboard {

/// The effective configuration as TOML (top-level keys, then one [section]
/// per group, in the order of config.hpp), for a startup debug log. Secrets
/// are masked: http.admin_token entirely, database.url only its password.
std::string describe(const config& cfg);

} // namespace switchboard
