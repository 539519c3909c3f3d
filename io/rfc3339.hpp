#pragma once

// API.md's one time format: RFC 3339 in UTC with milliseconds.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace switchboard::io {

/// E.g. "2026-11-23T18:00:00.000Z"; sub-millisecond parts are truncated.
std::string format_rfc3339_ms(std::chrono::system_clock::time_point t);

/// Reads an RFC 3339 date-time ("2026-11-23T18:00:00Z",
/// "2026-11-23T19:00:00.250+01:00"; `T`/`Z` in either case) to millisecond
/// precision; nullopt for anything else, and for times system_clock cannot
/// hold (before 1678 or after 2261).
std::optional<std::chrono::system_clock::time_point>
parse_rfc3339(std::string_view text);

} // namespace switchboard::io
