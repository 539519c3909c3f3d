#pragma once

#include <optional>
#include <spdlog/common.h>
#include <string_view>

namespace switchboard {

/// The name of a level as log.level spells it ("warn", not spdlog's
/// "warning"), so configuration, text lines and JSON lines agree.
std::string_view level_name(spdlog::level::level_enum level);

/// The level that log.level names, if any.
std::optional<spdlog::level::level_enum> parse_level(std::string_view name);

} // namespace switchboard
