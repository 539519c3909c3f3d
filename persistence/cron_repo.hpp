#pragma once

// The cron actor's SQL over `cron_firings` (migration 0003_cron.sql).
//
// Promises:
// - Each function runs its own transaction on `conn` and commits it before
//   returning; every value is a bound parameter.
// - The recorded firing of an entry only moves forward: recording an older
//   firing than the one stored (a late node, a retried write) changes
//   nothing.
// - Database errors propagate as pqxx exceptions.

#include <string>
#include <vector>

#include "messages/cron.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::persistence::cron_repo {

/// The recorded last firing of every entry, by entry name.
std::vector<cron_firing> last_firings(pqxx::connection_base& conn);

/// Records `fired_at` as the last firing of `entry` unless a later one is
/// recorded already.
void record(pqxx::connection_base& conn, const std::string& entry,
            caf::timestamp fired_at);

} // namespace switchboard::persistence::cron_repo
