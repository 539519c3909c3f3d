#pragma once

#include <string>

#include "config/config.hpp"
#include "config/origin.hpp"

namespace switchboard {

/// Applies every key of the TOML file at `path` to `cfg` and records each
/// key's file position in `origins`. Throws config_error when the file cannot
/// be read or parsed, names an unknown key, or holds a value its key rejects.
void apply_file(const std::string& path, config& cfg, origin_map& origins);

} // namespace switchboard
