// The workers' side of the jobs repository, continued: failures and snoozes
// timed by the database's clock, and the release of unfinished jobs at a
// graceful shutdown. Like every worker statement, each names its owner
// (locked_by = $worker AND state = 'active').

#include <pqxx/pqxx>
#include <set>

#include "persistence/jobs_repo.hpp"
#include "persistence/jobs_row.hpp"

namespace switchboard::persistence::jobs_repo {

namespace {

using namespace jobs_detail;

// run_at and finished_at come from one now(), so a retry is due exactly
// its backoff after the attempt ended.
const std::string fail_after_sql = std::string{R"sql(
UPDATE jobs AS j
SET state = CASE WHEN $4::bigint IS NOT NULL AND j.attempts < j.max_attempts
                 THEN 'failed' ELSE 'dead' END,
    run_at = CASE WHEN $4::bigint IS NOT NULL AND j.attempts < j.max_attempts
                  THEN now() + $4::bigint * interval '1 millisecond'
                  ELSE j.run_at END,
    last_error = $3, finished_at = now(), locked_by = NULL,
    locked_until = NULL, updated_at = now()
WHERE j.id = $2 AND j.locked_by = $1 AND j.state = 'active'
RETURNING )sql"} + job_columns;

} // namespace

std::optional<job>
fail_after_in(pqxx::transaction_base& tx, const std::string& worker,
              const std::string& id, const std::string& error,
              std::optional<std::chrono::milliseconds> retry_in) {
  auto n = parse_id(id);
  if (!n) return std::nullopt;
  auto wait = retry_in ? std::to_string(retry_in->count()) : std::string{};
  auto rows = tx.exec_params(fail_after_sql, worker, *n, error,
                             retry_in ? wait.c_str() : nullptr);
  if (rows.empty()) return std::nullopt;
  return to_job(rows[0]);
}

std::optional<job>
fail_after(pqxx::connection_base& conn, const std::string& worker,
           const std::string& id, const std::string& error,
           std::optional<std::chrono::milliseconds> retry_in) {
  if (!parse_id(id)) return std::nullopt;
  pqxx::work tx{conn};
  auto result = fail_after_in(tx, worker, id, error, retry_in);
  tx.commit();
  return result;
}

bool snooze_for_in(pqxx::transaction_base& tx, const std::string& worker,
                   const std::string& id, std::chrono::milliseconds wait) {
  auto n = parse_id(id);
  if (!n) return false;
  // The claim counted an attempt; a snooze is not one, so it is given back.
  auto rows = tx.exec_params(
      "UPDATE jobs SET attempts = attempts - 1,"
      " run_at = now() + $3::bigint * interval '1 millisecond',"
      " state = CASE WHEN $3::bigint > 0 THEN 'delayed' ELSE 'waiting' END,"
      " locked_by = NULL, locked_until = NULL, updated_at = now()"
      " WHERE id = $2 AND locked_by = $1 AND state = 'active' RETURNING id",
      worker, *n, wait.count());
  return !rows.empty();
}

bool snooze_for(pqxx::connection_base& conn, const std::string& worker,
                const std::string& id, std::chrono::milliseconds wait) {
  if (!parse_id(id)) return false;
  pqxx::work tx{conn};
  auto result = snooze_for_in(tx, worker, id, wait);
  tx.commit();
  return result;
}

std::vector<std::string> release(pqxx::connection_base& conn,
                                 const std::string& worker,
                                 const std::vector<std::string>& ids) {
  if (ids.empty()) return {};
  pqxx::work tx{conn};
  // The attempt was cut short by our shutdown, not by the job: given back.
  auto rows = tx.exec_params(
      "UPDATE jobs SET attempts = attempts - 1,"
      // A job claimed ahead of its run_at goes back to waiting for it.
      " state = CASE WHEN run_at > now() THEN 'delayed' ELSE 'waiting' END,"
      " locked_by = NULL, locked_until = NULL, started_at = NULL,"
      " updated_at = now()"
      " WHERE id = ANY($2::bigint[]) AND locked_by = $1 AND state = 'active'"
      " RETURNING id::text, queue",
      worker, id_array(ids));
  std::vector<std::string> result;
  std::set<std::string> queues;
  for (auto row : rows) {
    result.push_back(row[0].as<std::string>());
    queues.insert(row[1].as<std::string>());
  }
  for (auto& queue : queues)
    tx.exec_params("SELECT pg_notify($1, $2)", notify_channel, queue);
  tx.commit();
  return result;
}

} // namespace switchboard::persistence::jobs_repo
