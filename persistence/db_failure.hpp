#pragma once

// How the pool treats an exception thrown by a task. Pure functions, so the
// rules are tested without a database.

#include <string_view>

namespace switchboard::persistence {

/// What a failed task means for the caller and for the connection.
enum class failure_kind {
  /// The session died before the task finished: run it again elsewhere.
  connection_lost,
  /// The session died while COMMIT was in flight: the outcome is unknown.
  commit_in_doubt,
  /// The statement failed; the connection is still good.
  query_failed,
};

/// Classifies an SQL error. Errors of class 08 (connection exception) and
/// 57P01..57P03 (server shutting down or starting) mean the server ended the
/// session; a closed connection means the same whatever the code. Such an
/// error in answer to COMMIT leaves the transaction's outcome unknown.
failure_kind classify_sql_error(std::string_view sqlstate,
                                std::string_view query, bool connection_open);

/// A short name for common SQLSTATE codes ("unique_violation"), or the
/// class name ("class 23") for the rest; never contains data.
const char* sqlstate_name(std::string_view sqlstate);

} // namespace switchboard::persistence
