#include "config/error_text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace switchboard {

config_error make_config_error(std::string text) {
  std::replace_if(
      text.begin(), text.end(),
      [](char c) {
        return c == '\n' || c == '\r';
      },
      ' ');
  return config_error{"config: " + text};
}

config_error value_error(std::string_view key, std::string_view problem,
                         std::string_view origin) {
  if (origin.empty())
    return make_config_error(fmt::format("{}: {}", key, problem));
  return make_config_error(
      fmt::format("{}: {} (from {})", key, problem, origin));
}

} // namespace switchboard
