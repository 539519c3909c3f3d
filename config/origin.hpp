#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace switchboard {

/// Where each key that no longer has its default value came from
/// ("/etc/switchboard.toml:12" or "SWITCHBOARD_HTTP__PORT"), so that a
/// problem found after all sources were applied can still name its source.
/// Keys are the names in the key table, which outlive every map.
using origin_map = std::map<std::string_view, std::string, std::less<>>;

} // namespace switchboard
