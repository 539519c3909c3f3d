#pragma once

// What one cleanup job does, decided from its kind, payload and the
// [cleanup] settings (seed 002 "Cleanup Jobs": {"type": ..., "data": {...}};
// cron's table, actors/cron/default_table.cpp). Pure.
//
// Ages: the configured retention is a floor. A payload may ask for a longer
// age (data.older_than_hours for stories and temp_files, data.inactive_days
// for sessions, data.older_than_days for messages), never a shorter one, so
// a bad payload cannot delete young data.

#include <chrono>
#include <cstdint>
#include <string>
#include <variant>

#include "config/config.hpp"

namespace switchboard::cleanup_jobs {

enum class cleanup_kind {
  stories,
  sessions,
  messages,
  temp_files,
  prekeys,
  orphaned_media,
  maintenance,
  statistics,
  stale_websockets,
  health_check,
};

/// The kind's name in results and logs ("stories", ..., "maintenance").
const char* to_string(cleanup_kind x);

struct cleanup_plan {
  cleanup_kind kind = cleanup_kind::health_check;
  /// Rows (or files) past this age go: stories, sessions, messages,
  /// temp_files, orphaned_media, stale_websockets; for prekeys the age of
  /// used ones.
  std::chrono::seconds age{0};
  /// prekeys: the age of unused ones.
  std::chrono::seconds unused_age{0};
  uint32_t min_unused = 0;
  uint32_t batch = 1000;
  /// maintenance: vacuum_analyze, analyze or vacuum.
  std::string operation;
  /// statistics: the window [window_start, window_end).
  std::chrono::system_clock::time_point window_start;
  std::chrono::system_clock::time_point window_end;
};

/// Statistics windows are this long, aligned to midnight UTC.
constexpr std::chrono::hours statistics_window{6};

/// The plan of a job of `kind` with `payload` (JSON text) that was due at
/// `run_at`, or why it is unusable ("unknown cleanup type x", "payload.data.
/// older_than_hours: not a positive integer", ...). The type is the
/// payload's `type`, else the kind; "database_maintenance" is an alias of
/// "maintenance".
std::variant<cleanup_plan, std::string>
plan_cleanup(const std::string& kind, const std::string& payload,
             const cleanup_settings& settings,
             std::chrono::system_clock::time_point run_at);

} // namespace switchboard::cleanup_jobs
