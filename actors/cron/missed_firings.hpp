#pragma once

// What an entry does about firings that fell while no node was running it:
// the catch-up policy, applied once when the cron actor (re)starts. Pure:
// the caller passes the last firing it recorded and the current instant.

#include <cstddef>
#include <date/tz.h>
#include <optional>
#include <vector>

#include "actors/cron/cron_expression.hpp"
#include "actors/cron/cron_schedule.hpp"

namespace switchboard::cron {

enum class missed_mode {
  /// Drop missed firings; wait for the next one (live state, e.g. health).
  skip,
  /// Run the latest missed firing once (idempotent cleanups).
  run_once,
  /// Run the latest `cap` missed firings, oldest first (per-window work).
  run_all,
};

struct missed_policy {
  missed_mode mode = missed_mode::skip;
  /// For run_all: at most this many firings run.
  std::size_t cap = 0;
};

missed_policy skip_missed();
missed_policy run_missed_once();
missed_policy run_all_missed(std::size_t cap);

/// The outcome of the policy.
struct catch_up {
  /// Firings to enqueue now, ascending. Each keeps its own fire time, so its
  /// unique key is the one a node that had stayed up would have used.
  std::vector<instant> run_now;
  /// Whether some missed firings are not in run_now (skipped or over cap).
  bool dropped = false;
  /// The first firing strictly after both `now` and `last_fired`.
  std::optional<instant> next;
};

/// Applies `policy` to the firings in (last_fired, now]. When run_all is
/// over its cap, the most recent firings win: the older ones are the most
/// stale. Costs one previous_fire per firing returned, whatever the length
/// of the downtime. A clock that went back (now < last_fired) misses nothing.
catch_up plan_catch_up(const cron_expression& e, const date::time_zone& zone,
                       instant last_fired, instant now,
                       const missed_policy& policy);

} // namespace switchboard::cron
