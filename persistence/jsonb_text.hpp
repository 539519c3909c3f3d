#pragma once

// What PostgreSQL answers for `text::jsonb::text`, computed without asking
// it: the bulk enqueue (persistence/jobs_enqueue.cpp) COPYs jobs in and
// answers each job's payload as stored, without reading it back.

#include <optional>
#include <string>
#include <string_view>

namespace switchboard::persistence {

/// The text PostgreSQL's jsonb output gives for the JSON document `json`
/// (object keys sorted shortest first, then bytewise; ", " and ": " as the
/// only whitespace; strings re-escaped as PostgreSQL escapes them), or
/// std::nullopt when this function is not sure: invalid JSON, numbers with
/// a fraction or an exponent, \u escapes. A value is never wrong, only
/// missing: callers ask PostgreSQL for the ones missing. Parsed by
/// nlohmann::json (a duplicate key keeps its last value, as in jsonb).
std::optional<std::string> jsonb_text(std::string_view json);

} // namespace switchboard::persistence
