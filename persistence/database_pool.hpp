#pragma once

// The database actor: a front actor that owns a bounded FIFO of requests and
// `pool_size` connection workers (persistence/db_connection.*), each a
// detached blocking actor with one libpqxx connection.
//
// Promises:
// - A request is answered exactly once: with the task's value, or with
//   errc::db_overloaded (queue full, at once), errc::db_timeout (waited longer
//   than request_deadline_ms for a connection), errc::db_query_failed (SQL
//   error; SQLSTATE in the context), errc::db_unavailable (commit outcome
//   unknown), errc::internal (the task threw something else) or
//   errc::shutting_down (the pool stopped).
// - A task whose connection drops before it completes is not lost: it goes
//   back to the head of the queue and runs on the next connection that is up.
// - Lost connections are re-established after `reconnect_delay(attempt)`;
//   while none is up, requests wait in the queue.
// - Exiting the pool (user_shutdown) fails queued requests with
//   errc::shutting_down, lets running tasks finish (at most
//   request_deadline_ms) and stops the workers.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

#include "config/config.hpp"
#include "messages/database.hpp"
#include "persistence/db_connection.hpp"

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard::persistence {

struct pool_options {
  /// libpq connection string (key=value or URL).
  std::string conninfo;
  /// pool_size, queue_limit and request_deadline_ms apply here.
  database_settings settings;
  /// Prepared on every connection when it (re)connects.
  std::vector<prepared_statement> statements;
  /// Runs on every connection after the statements are prepared.
  std::function<void(pqxx::connection_base&)> on_connect;
  /// Delay before reconnect attempt `attempt` (1 = the first attempt after a
  /// connection was lost or failed). Required; the runtime passes its
  /// backoff policy here.
  std::function<caf::timespan(uint32_t attempt)> reconnect_delay;
  /// When set, the pool keeps its gauges and counters here.
  prometheus::Registry* metrics = nullptr;
};

/// Spawns the pool and starts connecting its workers. Throws
/// std::invalid_argument for a pool size of 0 or a missing reconnect_delay.
database_actor spawn_database_pool(caf::actor_system& sys, pool_options opts);

} // namespace switchboard::persistence
