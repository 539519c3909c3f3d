#pragma once

// Messages and typed interfaces of the database actor, a pool of connections
// (persistence/database_pool.*), and of the batching writer
// (persistence/batch_writer.*).
//
// Work reaches PostgreSQL only as a `db_task`: a function that runs on one
// pooled connection and opens its own transaction there. Tasks and their
// results stay inside one process (a task holds a std::function), so none of
// this is ever sent to a remote node.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/error.hpp>
#include <caf/message.hpp>
#include <caf/meta/load_callback.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>
#include <caf/replies_to.hpp>
#include <caf/type_id.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard {

/// One unit of database work. `run` executes on a pooled connection, opens
/// its own transaction and returns the value for the caller. `label` names
/// the work in logs and errors (never SQL text or values).
struct db_task {
  std::function<caf::message(pqxx::connection_base&)> run;
  std::string label;
  /// When true the task may run twice: if the connection drops while its
  /// commit is in flight (outcome unknown), the pool runs it again instead of
  /// failing it. Only for work that is safe to repeat, e.g. an INSERT ... ON
  /// CONFLICT DO NOTHING keyed by the caller.
  bool idempotent = false;
};

/// The value a `db_task` returned.
struct db_reply {
  caf::message value;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, db_reply& x) {
  return f(caf::meta::type_name("db_reply"), x.value);
}

/// Answer to a ping: whether `SELECT 1` succeeded, and how long it took.
struct db_ping {
  bool reachable = false;
  int64_t latency_us = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, db_ping& x) {
  return f(caf::meta::type_name("db_ping"), x.reachable, x.latency_us);
}

/// A snapshot of the pool.
struct db_pool_stats {
  /// Connections the pool keeps (pool_size).
  uint32_t size = 0;
  /// Connections that are up (idle or in use).
  uint32_t connected = 0;
  /// Connections running a task right now.
  uint32_t in_use = 0;
  /// Requests waiting for a connection.
  uint32_t waiting = 0;
  /// Connections re-established after they were lost.
  uint64_t reconnects_total = 0;
  /// Requests answered with a value.
  uint64_t served_total = 0;
  /// Requests answered with an error.
  uint64_t failed_total = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, db_pool_stats& x) {
  return f(caf::meta::type_name("db_pool_stats"), x.size, x.connected, x.in_use,
           x.waiting, x.reconnects_total, x.served_total, x.failed_total);
}

/// Internal: what a connection worker reports after running a task.
struct db_outcome {
  /// The task's value (when `error` is empty and `requeue` is false).
  caf::message value;
  /// Why the task failed, if it did.
  caf::error error;
  /// The task did not complete because the connection dropped: run it again.
  bool requeue = false;
  /// The worker lost its connection and must reconnect.
  bool connection_lost = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, db_outcome& x) {
  return f(caf::meta::type_name("db_outcome"), x.value, x.error, x.requeue,
           x.connection_lost);
}

/// One row for a batching writer: a text value (or NULL) per column, which
/// PostgreSQL casts to the column's type.
struct db_row {
  std::vector<std::optional<std::string>> values;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, db_row& x) {
  // CAF 0.17 cannot inspect std::optional, so the row crosses inspectors as
  // caf::optional values and is copied back after loading.
  std::vector<caf::optional<std::string>> wire;
  if constexpr (Inspector::reads_state)
    for (auto& value : x.values)
      wire.emplace_back(value ? caf::optional<std::string>{*value}
                              : caf::optional<std::string>{});
  auto load = caf::meta::load_callback([&]() -> caf::error {
    x.values.clear();
    for (auto& value : wire)
      x.values.emplace_back(value ? std::optional<std::string>{*value}
                                  : std::nullopt);
    return caf::none;
  });
  return f(caf::meta::type_name("db_row"), wire, load);
}

/// Result of the batch a row was written in, sent once the batch committed.
struct db_batch_result {
  /// Rows in the batch.
  uint32_t rows = 0;
  /// Rows the statement inserted (or updated, with ON CONFLICT DO UPDATE).
  uint32_t inserted = 0;
  /// Rows skipped by the conflict clause (duplicates).
  uint32_t skipped = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, db_batch_result& x) {
  return f(caf::meta::type_name("db_batch_result"), x.rows, x.inserted,
           x.skipped);
}

/// Counters of one batching writer since it started.
struct db_writer_stats {
  uint64_t rows_received = 0;
  uint64_t rows_inserted = 0;
  uint64_t rows_skipped = 0;
  /// Rows of batches that failed (their waiters got the error).
  uint64_t rows_failed = 0;
  /// Batches committed (one transaction each).
  uint64_t batches = 0;
  uint64_t failed_batches = 0;
  /// Rows collected for the next batch.
  uint32_t pending = 0;
  /// Batches sent to the database and not yet answered.
  uint32_t in_flight = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, db_writer_stats& x) {
  return f(caf::meta::type_name("db_writer_stats"), x.rows_received,
           x.rows_inserted, x.rows_skipped, x.rows_failed, x.batches,
           x.failed_batches, x.pending, x.in_flight);
}

} // namespace switchboard

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(switchboard::db_task)

CAF_BEGIN_TYPE_ID_BLOCK(sb_db, caf::first_custom_type_id + 100)

CAF_ADD_ATOM(sb_db, switchboard, exec_atom, "db_exec")

CAF_ADD_TYPE_ID(sb_db, (switchboard::db_task))
CAF_ADD_TYPE_ID(sb_db, (switchboard::db_reply))
CAF_ADD_TYPE_ID(sb_db, (switchboard::db_ping))
CAF_ADD_TYPE_ID(sb_db, (switchboard::db_pool_stats))
CAF_ADD_TYPE_ID(sb_db, (switchboard::db_outcome))
CAF_ADD_TYPE_ID(sb_db, (switchboard::db_row))
CAF_ADD_TYPE_ID(sb_db, (switchboard::db_batch_result))
CAF_ADD_TYPE_ID(sb_db, (switchboard::db_writer_stats))

CAF_END_TYPE_ID_BLOCK(sb_db)

namespace switchboard {

/// The database actor: a bounded FIFO of requests served by a pool of
/// connections. Requests wait while every connection is busy or down; they
/// fail with errc::db_overloaded when the queue is full, errc::db_timeout
/// when they waited past the deadline, errc::db_query_failed when a
/// statement fails, and errc::shutting_down when the pool stops.
// clang-format off
using database_actor = caf::typed_actor<
  /// Runs a task on one connection and returns its value.
  caf::replies_to<exec_atom, db_task>::with<db_reply>,
  /// Runs `SELECT 1`; never fails: an unreachable database says so.
  caf::replies_to<caf::ping_atom>::with<db_ping>,
  /// Returns a snapshot of the pool.
  caf::replies_to<caf::get_atom, stats_atom>::with<db_pool_stats>>;
// clang-format on

/// A batching writer for one table: rows are collected and written with one
/// multi-row INSERT ... ON CONFLICT per batch, one transaction per batch.
// clang-format off
using batch_writer_actor = caf::typed_actor<
  /// Queues a row; answers after the row's batch committed (or failed).
  caf::replies_to<caf::put_atom, db_row>::with<db_batch_result>,
  /// Queues a row without waiting for the commit.
  caf::reacts_to<caf::add_atom, db_row>,
  /// Returns the writer's counters.
  caf::replies_to<caf::get_atom, stats_atom>::with<db_writer_stats>>;
// clang-format on

} // namespace switchboard
