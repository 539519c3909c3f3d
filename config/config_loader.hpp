#pragma once

// Turning a TOML file and SWITCHBOARD_* variables into a checked config.

#include <string>

#include "config/config.hpp"
#include "config/config_error.hpp"
#include "config/environment.hpp"

namespace switchboard {

/// The configuration from defaults, then the TOML file at `file` (skipped
/// when empty), then `env` (SWITCHBOARD_ + key in capitals with "." as "__",
/// e.g. SWITCHBOARD_HTTP__PORT; other variables are ignored). Every key and
/// its default is in config/switchboard.example.toml.
///
/// Throws config_error, with a one-line what() naming the key or the file
/// position, when the file cannot be read or is not TOML, when the file or
/// the environment names an unknown key, or when a value has the wrong type,
/// is out of range, is not one of its key's choices, or breaks an ordering
/// between keys (a backoff base above its cap).
config load_config(const std::string& file, const environment& env);

} // namespace switchboard
