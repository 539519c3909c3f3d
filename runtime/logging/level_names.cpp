#include "runtime/logging/level_names.hpp"

#include <array>

namespace switchboard {

namespace {

constexpr std::array<std::string_view, spdlog::level::n_levels> names{
    "trace", "debug", "info", "warn", "error", "critical", "off"};

} // namespace

std::string_view level_name(spdlog::level::level_enum level) {
  auto index = static_cast<size_t>(level);
  return index < names.size() ? names[index] : "unknown";
}

std::optional<spdlog::level::level_enum> parse_level(std::string_view name) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<spdlog::level::level_enum>(i);
  return std::nullopt;
}

} // namespace switchboard
