#pragma once

// One connection of the database pool: a blocking actor, spawned detached,
// that owns one pqxx::connection and runs one task at a time. No exception
// ever leaves it: every failure becomes a db_outcome or a caf::error.
//
// Protocol (private to the pool):
//   (connect_atom)        -> ok_atom, or errc::db_unavailable
//   (exec_atom, db_task)  -> db_outcome
//   exit_msg              -> closes the connection and terminates

#include <functional>
#include <string>
#include <vector>

#include <caf/fwd.hpp>

#include "messages/database.hpp"

namespace switchboard::persistence {

/// A statement prepared on every connection right after it connects, so
/// tasks can run it with `tx.exec_prepared(name, ...)`.
struct prepared_statement {
  std::string name;
  std::string sql;
};

struct db_connection_options {
  /// libpq connection string (key=value or URL).
  std::string conninfo;
  /// Prepared on each (re)connect.
  std::vector<prepared_statement> statements;
  /// Runs after the statements are prepared on each (re)connect, e.g. to
  /// set session parameters. May throw; the connect then fails.
  std::function<void(pqxx::connection_base&)> on_connect;
};

/// The behavior of a connection worker.
void db_connection(caf::blocking_actor* self, db_connection_options opts);

/// Runs `task` on `conn` and turns every exception into an outcome:
/// a lost connection asks for a requeue, an SQL error becomes
/// errc::db_query_failed with its SQLSTATE, anything else errc::internal.
db_outcome run_task(pqxx::connection_base& conn, const db_task& task);

} // namespace switchboard::persistence
