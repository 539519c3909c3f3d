#pragma once

// Request-target parsing: the pure functions the session uses to turn a
// target into a path and query parameters, and the router uses to decode
// path segments.

#include <map>
#include <string>
#include <string_view>

namespace switchboard::http {

/// Decodes %XX escapes; with `plus_is_space` (query strings) '+' becomes a
/// space. A malformed escape is kept as written rather than rejected.
std::string percent_decode(std::string_view text, bool plus_is_space = false);

/// The part of a target before '?' (and before any '#').
std::string_view target_path(std::string_view target);

/// The decoded parameters of a target's query string. A name without '='
/// maps to ""; a repeated name keeps its first value.
std::map<std::string, std::string> parse_query(std::string_view target);

} // namespace switchboard::http
