#pragma once

#include <string>
#include <string_view>

#include "config/config_error.hpp"

namespace switchboard {

/// A config_error reading "config: <text>", forced onto one line because a
/// file name or a parser message could contain a line break.
config_error make_config_error(std::string text);

/// "config: <key>: <problem> (from <origin>)"; the origin part is left out
/// when `origin` is empty (a default value).
config_error value_error(std::string_view key, std::string_view problem,
                         std::string_view origin);

} // namespace switchboard
