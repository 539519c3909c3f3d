// Per-queue statistics: counts per state, durations and success rate.

#include <pqxx/pqxx>

#include "persistence/jobs_repo.hpp"

namespace switchboard::persistence::jobs_repo {

namespace {

// Counts come from the (queue, state, id) index, which leaves active jobs
// out, and active ones from jobs_locked_until (set exactly while a job is
// active); durations and success rate from the newest `recent_window` jobs
// per state by id, so the cost does not grow with the retention.
const char* const stats_sql = R"sql(
WITH counts AS (
  SELECT
    count(*) FILTER (WHERE state = 'waiting') AS waiting,
    count(*) FILTER (WHERE state = 'completed') AS completed,
    count(*) FILTER (WHERE state = 'failed') AS failed,
    count(*) FILTER (WHERE state = 'delayed') AS delayed,
    count(*) FILTER (WHERE state = 'dead') AS dead
  FROM jobs WHERE queue = $1 AND state <> 'active'
),
active AS (
  SELECT count(*) AS active FROM jobs
  WHERE queue = $1 AND state = 'active' AND locked_until IS NOT NULL
),
recent_completed AS (
  SELECT extract(epoch FROM finished_at - started_at) * 1000 AS ms
  FROM jobs WHERE queue = $1 AND state = 'completed'
  ORDER BY id DESC LIMIT $2
),
recent_dead AS (
  SELECT id FROM jobs WHERE queue = $1 AND state = 'dead'
  ORDER BY id DESC LIMIT $2
)
SELECT c.waiting, a.active, c.completed, c.failed, c.delayed, c.dead,
  COALESCE((SELECT paused FROM queues WHERE name = $1), false),
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)
   FROM recent_completed WHERE ms IS NOT NULL),
  (SELECT percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)
   FROM recent_completed WHERE ms IS NOT NULL),
  (SELECT count(*) FROM recent_completed),
  (SELECT count(*) FROM recent_dead)
FROM counts c, active a
)sql";

} // namespace

queue_stats stats(pqxx::connection_base& conn, const std::string& queue) {
  pqxx::read_transaction tx{conn};
  auto row = tx.exec_params1(stats_sql, queue, recent_window);
  queue_stats x;
  x.queue = queue;
  x.waiting = row[0].as<int64_t>();
  x.active = row[1].as<int64_t>();
  x.completed = row[2].as<int64_t>();
  x.failed = row[3].as<int64_t>();
  x.delayed = row[4].as<int64_t>();
  x.dead = row[5].as<int64_t>();
  x.paused = row[6].as<bool>();
  x.p50_ms = row[7].is_null() ? 0 : row[7].as<double>();
  x.p95_ms = row[8].is_null() ? 0 : row[8].as<double>();
  auto ok = row[9].as<int64_t>();
  auto dead = row[10].as<int64_t>();
  x.recent_finished = ok + dead;
  x.success_rate = x.recent_finished == 0
                       ? 1.0
                       : static_cast<double>(ok) / x.recent_finished;
  return x;
}

std::vector<queue_stats> stats_all(pqxx::connection_base& conn) {
  std::vector<std::string> names;
  {
    pqxx::read_transaction tx{conn};
    for (auto row : tx.exec("SELECT name FROM queues ORDER BY name"))
      names.push_back(row[0].as<std::string>());
  }
  std::vector<queue_stats> result;
  result.reserve(names.size());
  for (auto& name : names)
    result.push_back(stats(conn, name));
  return result;
}

} // namespace switchboard::persistence::jobs_repo
