#pragma once

// The cleanup jobs' SQL over the hub tables (migration 0005_hub_tables.sql;
// seed 002 "Cleanup Queue").
//
// Promises:
// - Ages are relative to the database's clock (now()); every value is a
//   bound parameter.
// - Deletes run in batches of `batch` rows, one transaction each, so a long
//   backlog never holds one huge transaction; rows are taken with
//   FOR UPDATE SKIP LOCKED, so two runs at once never trip over each other.
// - Idempotent: a second run finds nothing left past its age.
// - Files are removed through the caller's `file_remover` (persistence does
//   not know the media store): stored media only after the rows that
//   referenced them are committed deleted, and only when no remaining row
//   references them; a temporary file before its row, so a row goes only
//   once its file is gone. A crash in between leaves an orphan that the
//   orphaned-media sweep (or the next run) removes, never a row whose file
//   is missing.
// - Database errors propagate as pqxx exceptions.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::persistence::cleanup_repo {

enum class file_removal {
  removed,
  /// Already gone: counts as removed.
  missing,
  /// Outside what may be deleted (or an invalid key): left alone.
  refused,
  /// An I/O error: left for the next run.
  failed,
};

/// Removes one file, given a store key (stories, messages) or a path
/// (temporary files). Must not throw.
using file_remover = std::function<file_removal(const std::string&)>;

struct purge_counts {
  /// Rows deleted.
  int64_t rows = 0;
  int64_t files_removed = 0;
  int64_t files_missing = 0;
  int64_t files_refused = 0;
  int64_t files_failed = 0;
  /// Referenced media keys kept because another row still uses them.
  int64_t files_shared = 0;

  void count(file_removal r);
};

using std::chrono::seconds;

/// Stories posted more than `age` ago, and their media.
purge_counts purge_stories(pqxx::connection_base& conn, seconds age,
                           uint32_t batch, const file_remover& remove);

/// Messages created more than `age` ago, and their media.
purge_counts purge_messages(pqxx::connection_base& conn, seconds age,
                            uint32_t batch, const file_remover& remove);

/// Sessions whose last activity (or creation, if never active) is more than
/// `age` ago; returns how many were deleted.
int64_t purge_sessions(pqxx::connection_base& conn, seconds age,
                       uint32_t batch);

/// temporary_files rows older than `age`: the file first, then the row
/// (kept when the file was refused or failed).
purge_counts purge_temp_files(pqxx::connection_base& conn, seconds age,
                              uint32_t batch, const file_remover& remove);

struct prekey_counts {
  int64_t used_deleted = 0;
  int64_t expired_deleted = 0;
  /// Users left with fewer than `min_unused` unused prekeys.
  int64_t users_low = 0;
};

/// Prekey rotation: deletes prekeys used more than `used_age` ago and
/// unused ones created more than `unused_age` ago, then counts the users
/// who must upload new ones.
prekey_counts rotate_prekeys(pqxx::connection_base& conn, seconds used_age,
                             seconds unused_age, uint32_t min_unused,
                             uint32_t batch);

/// Marks sessions inactive whose websocket went silent more than `age` ago;
/// returns how many.
int64_t close_stale_sessions(pqxx::connection_base& conn, seconds age);

/// The keys among `keys` that no row of messages or stories references.
std::vector<std::string>
unreferenced_keys(pqxx::connection_base& conn,
                  const std::vector<std::string>& keys);

struct statistics_row {
  int64_t messages = 0;
  int64_t active_senders = 0;
  int64_t active_users = 0;
  int64_t stories = 0;
  int64_t sessions_active = 0;
};

/// Aggregates the window [start, end) into hub_statistics (replacing the
/// window's row if it exists) and returns it. Times in microseconds since
/// the UNIX epoch.
statistics_row aggregate_statistics(pqxx::connection_base& conn,
                                    int64_t start_us, int64_t end_us);

/// Runs VACUUM (ANALYZE), ANALYZE or VACUUM over the whole database
/// (operation vacuum_analyze, analyze or vacuum). VACUUM cannot run inside a
/// transaction block, so this runs in autocommit mode (pqxx::nontransaction).
/// Throws std::invalid_argument for another operation.
void maintain(pqxx::connection_base& conn, const std::string& operation);

/// Jobs in the dead-letter queue (for the health check).
int64_t dead_jobs(pqxx::connection_base& conn);

} // namespace switchboard::persistence::cleanup_repo
