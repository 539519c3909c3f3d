// jobs_repo::enqueue: a whole batch in one statement.

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <stdexcept>

#include "persistence/jobs_repo.hpp"
#include "persistence/jobs_row.hpp"

namespace switchboard::persistence::jobs_repo {

namespace {

using namespace jobs_detail;

// The batch travels as one jsonb parameter (an array of objects), unpacked
// by jsonb_to_recordset: one statement and no values in the SQL text.
//
// Ids are drawn before the INSERT so each inserted row joins back to its
// input by id. A row skipped by ON CONFLICT resolves to the job holding its
// key: one inserted by this statement (a duplicate within the batch) or one
// retained before (visible in the statement's snapshot). Only a key whose
// holder committed while this statement waited on it stays unresolved; the
// caller runs the statement again for those inputs.
const std::string enqueue_sql = std::string{R"sql(
WITH input AS (
  SELECT x.*, nextval(pg_get_serial_sequence('jobs', 'id')) AS new_id,
         COALESCE(sb_from_epoch_us(x.run_at_us),
                  now() + x.delay_ms * interval '1 millisecond') AS due
  FROM jsonb_to_recordset($1::jsonb) AS x(
    ord int, queue text, kind text, payload text, priority int,
    run_at_us bigint, delay_ms bigint, unique_key text, max_attempts int,
    backoff_type text, backoff_delay_ms bigint, backoff_jitter boolean,
    timeout_ms bigint)
),
known_queues AS (
  INSERT INTO queues (name) SELECT DISTINCT queue FROM input
  ON CONFLICT DO NOTHING
),
ins AS (
  INSERT INTO jobs AS j (id, queue, kind, payload, priority, state,
                         max_attempts, backoff, timeout_ms, run_at,
                         unique_key)
  SELECT new_id, queue, kind, payload::jsonb, priority,
         CASE WHEN due > now() THEN 'delayed' ELSE 'waiting' END,
         max_attempts,
         jsonb_build_object('type', backoff_type, 'delay_ms',
                            backoff_delay_ms, 'jitter', backoff_jitter),
         timeout_ms, due, unique_key
  FROM input ORDER BY ord
  ON CONFLICT (queue, unique_key) WHERE unique_key IS NOT NULL DO NOTHING
  RETURNING *
),
woken AS (
  SELECT count(pg_notify(')sql"} + notify_channel
                                + R"sql(', queue)) AS n
  FROM (SELECT DISTINCT queue FROM ins WHERE state = 'waiting') q
),
found AS (
  SELECT i.ord, true AS created, j.*
  FROM input i JOIN ins j ON j.id = i.new_id
  UNION ALL
  SELECT i.ord, false, j.*
  FROM input i JOIN ins j
    ON j.queue = i.queue AND j.unique_key = i.unique_key AND j.id <> i.new_id
  UNION ALL
  SELECT i.ord, false, j.*
  FROM input i JOIN jobs j
    ON j.queue = i.queue AND j.unique_key = i.unique_key
  WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.id = i.new_id)
)
SELECT j.ord, j.created, )sql" + job_columns
                                + R"sql(
FROM found j CROSS JOIN woken
ORDER BY j.ord
)sql";

// A batch without unique keys needs no dedupe: a plain INSERT that returns
// only what the database decides (id, state, normalised payload, times);
// the rest of each job is its input. Ids come from the serial default in
// the order the sorted input is inserted, so ordered by id the answer is in
// input order. Measured on 1,000-job batches: 62 ms with the general
// statement above, 26 ms with this one.
const std::string plain_enqueue_sql = std::string{R"sql(
WITH input AS (
  SELECT x.*, COALESCE(sb_from_epoch_us(x.run_at_us),
                       now() + x.delay_ms * interval '1 millisecond') AS due
  FROM jsonb_to_recordset($1::jsonb) AS x(
    ord int, queue text, kind text, payload text, priority int,
    run_at_us bigint, delay_ms bigint, max_attempts int, backoff_type text,
    backoff_delay_ms bigint, backoff_jitter boolean, timeout_ms bigint)
),
known_queues AS (
  INSERT INTO queues (name) SELECT DISTINCT queue FROM input
  ON CONFLICT DO NOTHING
),
ins AS (
  INSERT INTO jobs (queue, kind, payload, priority, state, max_attempts,
                    backoff, timeout_ms, run_at)
  SELECT queue, kind, payload::jsonb, priority,
         CASE WHEN due > now() THEN 'delayed' ELSE 'waiting' END,
         max_attempts,
         jsonb_build_object('type', backoff_type, 'delay_ms',
                            backoff_delay_ms, 'jitter', backoff_jitter),
         timeout_ms, due
  FROM input ORDER BY ord
  RETURNING id, queue, state, payload, run_at, created_at
),
woken AS (
  SELECT count(pg_notify(')sql"} + notify_channel
                                      + R"sql(', queue)) AS n
  FROM (SELECT DISTINCT queue FROM ins WHERE state = 'waiting') q
)
SELECT ins.id::text, ins.state, ins.payload::text, sb_epoch_us(ins.run_at),
       sb_epoch_us(ins.created_at)
FROM ins CROSS JOIN woken
ORDER BY ins.id
)sql";

void validate(const new_job& x) {
  if (x.queue.empty()) throw std::invalid_argument("job without a queue");
  if (x.kind.empty()) throw std::invalid_argument("job without a kind");
  if (x.max_attempts < 1)
    throw std::invalid_argument("max_attempts must be at least 1");
  if (x.delay_ms < 0 || x.timeout_ms < 0 || x.backoff.delay_ms < 0)
    throw std::invalid_argument("negative delay or timeout");
  if (x.backoff.type != "fixed" && x.backoff.type != "exponential")
    throw std::invalid_argument("unknown backoff type: " + x.backoff.type);
}

nlohmann::json to_json(const new_job& x, size_t ord) {
  nlohmann::json row{
      {"ord", ord},
      {"queue", x.queue},
      {"kind", x.kind},
      {"payload", x.payload},
      {"priority", x.priority},
      {"delay_ms", x.delay_ms},
      {"max_attempts", x.max_attempts},
      {"backoff_type", x.backoff.type},
      {"backoff_delay_ms", x.backoff.delay_ms},
      {"backoff_jitter", x.backoff.jitter},
      {"timeout_ms", x.timeout_ms},
  };
  row["run_at_us"] = x.run_at ? nlohmann::json(to_epoch_us(*x.run_at))
                              : nlohmann::json(nullptr);
  row["unique_key"] = x.unique_key.empty() ? nlohmann::json(nullptr)
                                           : nlohmann::json(x.unique_key);
  return row;
}

job created_job(const new_job& x, const pqxx::row& row) {
  job out;
  out.id = row[0].as<std::string>();
  out.queue = x.queue;
  out.kind = x.kind;
  out.payload = row[2].as<std::string>();
  out.priority = x.priority;
  out.state = row[1].as<std::string>();
  out.max_attempts = x.max_attempts;
  out.backoff = x.backoff;
  out.timeout_ms = x.timeout_ms;
  out.run_at = from_epoch_us(row[3].as<int64_t>());
  out.created_at = from_epoch_us(row[4].as<int64_t>());
  out.updated_at = out.created_at;
  return out;
}

std::vector<enqueue_result> enqueue_plain(pqxx::connection_base& conn,
                                          const std::vector<new_job>& jobs) {
  nlohmann::json batch = nlohmann::json::array();
  for (size_t i = 0; i < jobs.size(); ++i)
    batch.push_back(to_json(jobs[i], i));
  pqxx::work tx{conn};
  auto rows = tx.exec_params(plain_enqueue_sql, batch.dump());
  if (rows.size() != jobs.size())
    throw std::logic_error("enqueue: fewer rows than jobs inserted");
  std::vector<enqueue_result> results;
  results.reserve(jobs.size());
  for (size_t i = 0; i < jobs.size(); ++i)
    results.push_back({created_job(jobs[i], rows[static_cast<int>(i)]), true});
  tx.commit();
  return results;
}

} // namespace

std::vector<enqueue_result> enqueue(pqxx::connection_base& conn,
                                    const std::vector<new_job>& jobs) {
  for (auto& x : jobs)
    validate(x);
  auto keyed = [](const new_job& x) {
    return !x.unique_key.empty();
  };
  if (!jobs.empty() && std::none_of(jobs.begin(), jobs.end(), keyed))
    return enqueue_plain(conn, jobs);
  std::vector<enqueue_result> results(jobs.size());
  std::vector<bool> resolved(jobs.size(), false);
  size_t open = jobs.size();
  pqxx::work tx{conn};
  // Each pass is a new statement with a new snapshot (read committed), which
  // sees the holders of keys the previous pass waited on. A key can only
  // stay open while concurrent transactions keep inserting and deleting it.
  for (int pass = 0; open > 0; ++pass) {
    if (pass == 10)
      throw std::runtime_error("enqueue: unique keys kept changing");
    nlohmann::json batch = nlohmann::json::array();
    for (size_t i = 0; i < jobs.size(); ++i)
      if (!resolved[i]) batch.push_back(to_json(jobs[i], i));
    for (auto row : tx.exec_params(enqueue_sql, batch.dump())) {
      auto ord = row[0].as<size_t>();
      if (ord >= jobs.size() || resolved[ord]) continue;
      results[ord] = enqueue_result{to_job(row, 2), row[1].as<bool>()};
      resolved[ord] = true;
      --open;
    }
  }
  tx.commit();
  return results;
}

} // namespace switchboard::persistence::jobs_repo
