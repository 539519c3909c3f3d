#pragma once

// API.md's one time format: RFC 3339 in UTC with milliseconds.

#include <chrono>
#include <string>

namespace switchboard::io {

/// E.g. "2026-11-23T18:00:00.000Z"; sub-millisecond parts are truncated.
std::string format_rfc3339_ms(std::chrono::system_clock::time_point t);

} // namespace switchboard::io
