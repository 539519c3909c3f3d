#pragma once

// The cron table a node runs when its configuration names none: the
// worker service's node-cron schedule (seed 002, "Scheduled Jobs"), in UTC.

#include <vector>

#include "actors/cron/cron_entry.hpp"

namespace switchboard::cron {

/// Entries, in the seed's order: stories (hourly), sessions (00:00),
/// messages (01:00), temp_files (02:00), database_maintenance (03:00,
/// VACUUM ANALYZE), prekeys (04:00), statistics (every 6 hours),
/// stale_websockets (every 15 minutes), health_check (every 5 minutes),
/// orphaned_media (Sundays 05:00). All go to the "cleanup" queue; each job's
/// kind is the seed's cleanup type and its payload the seed's cleanup job
/// shape `{"type": kind, "data": {...}}`.
const std::vector<cron_entry>& default_table();

} // namespace switchboard::cron
