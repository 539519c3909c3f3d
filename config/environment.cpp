#include "config/environment.hpp"

#include <string_view>

#include "config/env_source.hpp"

extern char** environ;

namespace switchboard {

environment process_environment() {
  environment result;
  for (auto entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text{*entry};
    auto eq = text.find('=');
    if (eq == std::string_view::npos
        || text.substr(0, env_prefix.size()) != env_prefix)
      continue;
    result.emplace_back(text.substr(0, eq), text.substr(eq + 1));
  }
  return result;
}

} // namespace switchboard
