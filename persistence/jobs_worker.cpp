// The workers' side of the jobs repository: claim, heartbeat, complete,
// fail, snooze, progress, and the rescue of expired locks. Every change of an
// active job names its owner in the same statement (locked_by = $worker AND
// state = 'active'), so a worker that lost its lock changes nothing.

#include <pqxx/pqxx>
#include <stdexcept>

#include "persistence/jobs_repo.hpp"
#include "persistence/jobs_row.hpp"

namespace switchboard::persistence::jobs_repo {

namespace {

using namespace jobs_detail;

const std::string fail_sql = std::string{R"sql(
UPDATE jobs AS j
SET state = CASE WHEN $4::bigint IS NOT NULL AND j.attempts < j.max_attempts
                 THEN 'failed' ELSE 'dead' END,
    run_at = CASE WHEN $4::bigint IS NOT NULL AND j.attempts < j.max_attempts
                  THEN sb_from_epoch_us($4::bigint) ELSE j.run_at END,
    last_error = $3, finished_at = now(), locked_by = NULL,
    locked_until = NULL, updated_at = now()
WHERE j.id = $2 AND j.locked_by = $1 AND j.state = 'active'
RETURNING )sql"} + job_columns;

std::string ms(std::chrono::milliseconds d) {
  return std::to_string(d.count());
}

} // namespace

std::vector<job> claim(pqxx::connection_base& conn, const std::string& queue,
                       const std::string& worker, size_t limit,
                       std::chrono::milliseconds lock) {
  if (limit == 0) return {};
  if (worker.empty()) throw std::invalid_argument("claim without a worker");
  pqxx::nontransaction tx{conn};
  return trip_in(tx, queue, worker, {}, limit, lock).claimed;
}

std::vector<std::string> heartbeat(pqxx::connection_base& conn,
                                   const std::string& worker,
                                   const std::vector<std::string>& ids,
                                   std::chrono::milliseconds lock) {
  if (ids.empty()) return {};
  pqxx::work tx{conn};
  auto rows = tx.exec_params(
      "UPDATE jobs SET locked_until = now() + $3 * interval '1 millisecond',"
      " updated_at = now()"
      " WHERE id = ANY($2::bigint[]) AND locked_by = $1 AND state = 'active'"
      " RETURNING id::text",
      worker, id_array(ids), ms(lock));
  tx.commit();
  std::vector<std::string> result;
  for (auto row : rows)
    result.push_back(row[0].as<std::string>());
  return result;
}

std::vector<std::string> complete(pqxx::connection_base& conn,
                                  const std::string& worker,
                                  const std::vector<job_completion>& items) {
  if (items.empty()) return {};
  pqxx::nontransaction tx{conn};
  return trip_in(tx, "", worker, items, 0, {}).completed;
}

std::optional<job> fail(pqxx::connection_base& conn, const std::string& worker,
                        const std::string& id, const std::string& error,
                        std::optional<caf::timestamp> retry_at) {
  auto n = parse_id(id);
  if (!n) return std::nullopt;
  std::string retry_us
      = retry_at ? std::to_string(to_epoch_us(*retry_at)) : std::string{};
  pqxx::work tx{conn};
  auto rows = tx.exec_params(fail_sql, worker, *n, error,
                             retry_at ? retry_us.c_str() : nullptr);
  tx.commit();
  if (rows.empty()) return std::nullopt;
  return to_job(rows[0]);
}

bool snooze(pqxx::connection_base& conn, const std::string& worker,
            const std::string& id, caf::timestamp until) {
  auto n = parse_id(id);
  if (!n) return false;
  pqxx::work tx{conn};
  // The claim counted an attempt; a snooze is not one, so it is given back.
  auto rows = tx.exec_params(
      "UPDATE jobs SET attempts = attempts - 1,"
      " run_at = sb_from_epoch_us($3),"
      " state = CASE WHEN sb_from_epoch_us($3) > now() THEN 'delayed'"
      "              ELSE 'waiting' END,"
      " locked_by = NULL, locked_until = NULL, updated_at = now()"
      " WHERE id = $2 AND locked_by = $1 AND state = 'active' RETURNING id",
      worker, *n, to_epoch_us(until));
  tx.commit();
  return !rows.empty();
}

bool progress(pqxx::connection_base& conn, const std::string& worker,
              const std::string& id, const std::string& progress_json) {
  auto n = parse_id(id);
  if (!n) return false;
  pqxx::work tx{conn};
  auto rows = tx.exec_params(
      "UPDATE jobs SET progress = $3::jsonb, updated_at = now()"
      " WHERE id = $2 AND locked_by = $1 AND state = 'active' RETURNING id",
      worker, *n, progress_json);
  tx.commit();
  return !rows.empty();
}

size_t rescue_expired(pqxx::connection_base& conn) {
  pqxx::work tx{conn};
  // The attempt stays counted: a job that kills its worker every time must
  // end dead rather than loop. run_at is kept, so a rescued job is due at
  // once in its old place.
  auto rows = tx.exec(
      std::string{
          "WITH rescued AS ("
          " UPDATE jobs SET state = CASE WHEN attempts >= max_attempts"
          "                         THEN 'dead' ELSE 'waiting' END,"
          "  last_error = 'lock expired', locked_by = NULL,"
          "  locked_until = NULL, finished_at = now(), updated_at = now()"
          " WHERE state = 'active' AND locked_until < now()"
          " RETURNING queue, state)"
          " SELECT (SELECT count(*) FROM rescued),"
          " (SELECT count(pg_notify('"}
      + notify_channel
      + "', queue)) FROM (SELECT DISTINCT queue FROM rescued"
        " WHERE state = 'waiting') q)");
  tx.commit();
  return rows[0][0].as<size_t>();
}

std::optional<caf::timestamp> next_run_at(pqxx::connection_base& conn,
                                          const std::string& queue) {
  pqxx::read_transaction tx{conn};
  auto row = tx.exec_params1("SELECT sb_epoch_us(sb_next_run_at($1))", queue);
  if (row[0].is_null()) return std::nullopt;
  return from_epoch_us(row[0].as<int64_t>());
}

} // namespace switchboard::persistence::jobs_repo
