#pragma once

// One row of the cron table: when it fires and which job each firing
// enqueues. Plain data; the cron actor parses `expression` and locates
// `zone` once when it loads the table.

#include <string>
#include <string_view>

#include "actors/cron/cron_schedule.hpp"
#include "actors/cron/missed_firings.hpp"

namespace switchboard::cron {

struct cron_entry {
  /// Stable name, part of every job's unique key: renaming an entry makes
  /// its next firing look new.
  std::string name;
  /// Cron expression (cron_expression.hpp).
  std::string expression;
  /// IANA zone the expression is read in.
  std::string zone = "UTC";
  /// Job queue each firing enqueues into.
  std::string queue;
  /// The job's kind.
  std::string kind;
  /// The job's payload, JSON text.
  std::string payload;
  /// What to do about firings missed while no node ran the table.
  missed_policy missed;
};

/// "cron-{entry}-{fire time}", the fire time in RFC 3339 UTC to the second,
/// e.g. "cron-stories-2026-03-29T01:00:00Z". The jobs table's unique index
/// on it makes each firing one job, whichever node or restart enqueues it.
std::string unique_key(std::string_view entry, instant fire_time);

} // namespace switchboard::cron
