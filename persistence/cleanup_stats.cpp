// The non-deleting half of the cleanup repository: statistics, database
// maintenance and the health check's figures.

#include <pqxx/pqxx>
#include <stdexcept>

#include "persistence/cleanup_repo.hpp"

namespace switchboard::persistence::cleanup_repo {

namespace {

const char* const aggregate_sql = R"sql(
WITH w AS (SELECT sb_from_epoch_us($1::bigint) AS s,
                  sb_from_epoch_us($2::bigint) AS e)
INSERT INTO hub_statistics AS h (window_start, window_end, messages,
                                 active_senders, active_users, stories,
                                 sessions_active)
SELECT w.s, w.e,
  (SELECT count(*) FROM messages WHERE created_at >= w.s AND created_at < w.e),
  (SELECT count(DISTINCT sender_id) FROM messages
   WHERE created_at >= w.s AND created_at < w.e),
  (SELECT count(DISTINCT user_id) FROM user_sessions
   WHERE last_active_at >= w.s AND last_active_at < w.e),
  (SELECT count(*) FROM stories WHERE created_at >= w.s AND created_at < w.e),
  (SELECT count(*) FROM user_sessions WHERE is_active)
FROM w
ON CONFLICT (window_start) DO UPDATE
SET window_end = EXCLUDED.window_end, messages = EXCLUDED.messages,
    active_senders = EXCLUDED.active_senders,
    active_users = EXCLUDED.active_users, stories = EXCLUDED.stories,
    sessions_active = EXCLUDED.sessions_active, computed_at = now()
RETURNING messages, active_senders, active_users, stories, sessions_active
)sql";

const char* maintenance_sql(const std::string& operation) {
  if (operation == "vacuum_analyze") return "VACUUM (ANALYZE)";
  if (operation == "analyze") return "ANALYZE";
  if (operation == "vacuum") return "VACUUM";
  throw std::invalid_argument("unknown maintenance operation");
}

} // namespace

statistics_row aggregate_statistics(pqxx::connection_base& conn,
                                    int64_t start_us, int64_t end_us) {
  pqxx::work tx{conn};
  auto row = tx.exec_params1(aggregate_sql, start_us, end_us);
  tx.commit();
  return {row[0].as<int64_t>(), row[1].as<int64_t>(), row[2].as<int64_t>(),
          row[3].as<int64_t>(), row[4].as<int64_t>()};
}

void maintain(pqxx::connection_base& conn, const std::string& operation) {
  auto sql = maintenance_sql(operation);
  pqxx::nontransaction tx{conn};
  tx.exec(sql);
}

int64_t dead_jobs(pqxx::connection_base& conn) {
  pqxx::read_transaction tx{conn};
  return tx.exec1("SELECT count(*) FROM jobs WHERE state = 'dead'")[0]
      .as<int64_t>();
}

} // namespace switchboard::persistence::cleanup_repo
