#pragma once

// A batching writer for one table. Rows are collected and written through
// the database actor with one multi-row INSERT ... <conflict clause> per
// batch, one transaction per batch.
//
// Promises:
// - A batch is flushed when it holds `max_rows` rows, or `max_delay` after
//   its first row arrived, whichever comes first.
// - A caller of (put_atom, row) is answered after the row's batch committed,
//   with that batch's counts; if the batch fails, every waiter of that batch
//   gets the error (errc::db_*). Rows of a failed batch are not retried here.
// - A row whose width differs from the column list is refused with
//   errc::invalid_argument.
// - On exit (user_shutdown) the pending batch is flushed and the writer
//   stops once every batch in flight is answered.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

#include "messages/database.hpp"

namespace switchboard::persistence {

struct batch_writer_options {
  database_actor db;
  /// Table, optionally schema-qualified.
  std::string table;
  std::vector<std::string> columns;
  /// Appended verbatim, e.g. "ON CONFLICT (platform, platform_message_id)
  /// DO NOTHING"; empty for none.
  std::string conflict_clause;
  /// database.batch_max_rows
  uint32_t max_rows = 500;
  /// database.batch_max_delay_ms
  caf::timespan max_delay = std::chrono::milliseconds(5);
  /// How long one batch may take in the database actor.
  caf::timespan request_timeout = std::chrono::seconds(30);
  /// A batch whose commit is in doubt may be written again (true for a
  /// DO NOTHING clause on a unique key).
  bool idempotent = false;
};

/// Spawns a writer. Throws std::invalid_argument for a bad table or column
/// name, no columns, or max_rows of 0.
batch_writer_actor spawn_batch_writer(caf::actor_system& sys,
                                      batch_writer_options opts);

} // namespace switchboard::persistence
