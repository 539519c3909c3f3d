#pragma once

#include <string>
#include <utility>
#include <vector>

namespace switchboard {

/// Environment variables as name and value, in the order they were found.
using environment = std::vector<std::pair<std::string, std::string>>;

/// The SWITCHBOARD_* variables of this process, for load_config. Tests pass
/// their own list instead, so they never depend on the caller's environment.
environment process_environment();

} // namespace switchboard
