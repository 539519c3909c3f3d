// Administration of jobs and queues: get, list, retry, remove, clean,
// prune, pause and resume.

#include <pqxx/pqxx>
#include <stdexcept>

#include "persistence/jobs_repo.hpp"
#include "persistence/jobs_row.hpp"

namespace switchboard::persistence::jobs_repo {

namespace {

using namespace jobs_detail;

std::string ms(std::chrono::milliseconds d) {
  return std::to_string(d.count());
}

std::string select_jobs(const char* where) {
  return std::string{"SELECT "} + job_columns + " FROM jobs j WHERE " + where;
}

} // namespace

std::optional<job> get(pqxx::connection_base& conn, const std::string& id) {
  auto n = parse_id(id);
  if (!n) return std::nullopt;
  pqxx::read_transaction tx{conn};
  auto rows = tx.exec_params(select_jobs("j.id = $1"), *n);
  if (rows.empty()) return std::nullopt;
  return to_job(rows[0]);
}

std::vector<job> list(pqxx::connection_base& conn, const std::string& queue,
                      const std::string& state, const std::string& after_id,
                      size_t limit) {
  if (!state.empty()) require_state(state);
  int64_t after = 0;
  if (!after_id.empty()) {
    auto n = parse_id(after_id);
    if (!n) throw std::invalid_argument("malformed cursor: " + after_id);
    after = *n;
  }
  pqxx::read_transaction tx{conn};
  // Active jobs are not in jobs_list; jobs_locked_until holds them all.
  // An empty state binds NULL and matches every state.
  auto rows
      = state == "active"
            ? tx.exec_params(
                select_jobs("j.queue = $1 AND j.state = 'active'"
                            " AND j.locked_until IS NOT NULL"
                            " AND j.id > $2 ORDER BY j.id LIMIT $3"),
                queue, after, limit)
            : tx.exec_params(
                select_jobs(
                    "j.queue = $1 AND ($2::text IS NULL OR j.state = $2)"
                    " AND j.id > $3 ORDER BY j.id LIMIT $4"),
                queue, state.empty() ? nullptr : state.c_str(), after, limit);
  std::vector<job> result;
  result.reserve(rows.size());
  for (auto row : rows)
    result.push_back(to_job(row));
  return result;
}

bool retry(pqxx::connection_base& conn, const std::string& id) {
  auto n = parse_id(id);
  if (!n) return false;
  pqxx::work tx{conn};
  auto rows = tx.exec_params(
      std::string{"WITH retried AS ("
                  " UPDATE jobs SET state = 'waiting', attempts = 0,"
                  " run_at = now(), finished_at = NULL, updated_at = now()"
                  " WHERE id = $1 AND state IN ('failed', 'dead')"
                  " RETURNING queue)"
                  " SELECT pg_notify('"}
          + notify_channel + "', queue) FROM retried",
      *n);
  tx.commit();
  return !rows.empty();
}

remove_outcome remove(pqxx::connection_base& conn, const std::string& id) {
  auto n = parse_id(id);
  if (!n) return remove_outcome::not_found;
  pqxx::work tx{conn};
  // One statement decides: the state seen by the DELETE is the state that
  // refuses it, so a job claimed meanwhile is not removed under its worker.
  auto row = tx.exec_params1(
      "WITH target AS (SELECT state FROM jobs WHERE id = $1),"
      " deleted AS (DELETE FROM jobs WHERE id = $1 AND state <> 'active'"
      "             RETURNING id)"
      " SELECT (SELECT count(*) FROM deleted), (SELECT count(*) FROM target)",
      *n);
  tx.commit();
  if (row[0].as<int64_t>() > 0) return remove_outcome::removed;
  return row[1].as<int64_t>() > 0 ? remove_outcome::active
                                  : remove_outcome::not_found;
}

size_t clean(pqxx::connection_base& conn, const std::string& queue,
             const std::string& state, std::chrono::milliseconds older_than) {
  require_state(state);
  if (state == "active")
    throw std::invalid_argument("active jobs belong to their workers");
  pqxx::work tx{conn};
  auto rows = tx.exec_params("DELETE FROM jobs WHERE queue = $1 AND state = $2"
                             " AND COALESCE(finished_at, created_at)"
                             "     < now() - $3 * interval '1 millisecond'"
                             " RETURNING id",
                             queue, state, ms(older_than));
  tx.commit();
  return rows.size();
}

size_t prune_completed(pqxx::connection_base& conn,
                       std::chrono::milliseconds older_than) {
  pqxx::work tx{conn};
  auto rows = tx.exec_params(
      "DELETE FROM jobs WHERE state = 'completed'"
      " AND finished_at < now() - $1 * interval '1 millisecond'"
      " RETURNING id",
      ms(older_than));
  tx.commit();
  return rows.size();
}

void pause(pqxx::connection_base& conn, const std::string& queue) {
  if (queue.empty()) throw std::invalid_argument("pause without a queue");
  pqxx::work tx{conn};
  tx.exec_params("INSERT INTO queues (name, paused) VALUES ($1, true)"
                 " ON CONFLICT (name) DO UPDATE SET paused = true,"
                 " updated_at = now()",
                 queue);
  tx.commit();
}

void resume(pqxx::connection_base& conn, const std::string& queue) {
  if (queue.empty()) throw std::invalid_argument("resume without a queue");
  pqxx::work tx{conn};
  // Jobs may have become due while paused: wake the workers.
  tx.exec_params(std::string{"INSERT INTO queues (name, paused)"
                             " VALUES ($1, false)"
                             " ON CONFLICT (name) DO UPDATE SET paused = false,"
                             " updated_at = now()"
                             " RETURNING pg_notify('"}
                     + notify_channel + "', name)",
                 queue);
  tx.commit();
}

} // namespace switchboard::persistence::jobs_repo
