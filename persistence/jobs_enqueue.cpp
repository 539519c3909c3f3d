// jobs_repo::enqueue: a whole batch in one statement, or one COPY.

#include <algorithm>
#include <charconv>
#include <date/date.h>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <pqxx/tablewriter>
#include <stdexcept>
#include <string_view>

#include "persistence/jobs_repo.hpp"
#include "persistence/jobs_row.hpp"
#include "persistence/jsonb_text.hpp"

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

// A batch without unique keys needs no dedupe, and the rows decide nothing
// of the answer: COPY writes them and each answer is its input plus what
// this statement gives, the transaction's now() (the created_at and
// updated_at defaults, and what delay_ms counts from) and one id per job,
// drawn in order. The same statement registers the queues and NOTIFYs
// those that get a job ready now ($3: per queue, the earliest run_at in
// microseconds of its jobs not delayed by delay_ms, the minimum bigint for
// a job due at once; NULL when all its jobs are delayed). The sequence and
// now() are sub-selects, computed once: sb_epoch_us() per row cost 2-4 ms
// per 1,000 rows in psql.
//
// Measured with bench_queue_throughput (docs/queues.md, "Bulk enqueue by
// COPY"), 1,000-job batches from 2 connections: the INSERT ... SELECT FROM
// jsonb_to_recordset(...) RETURNING this replaces enqueued about 60,000
// jobs/s (22-30 us of backend CPU per job), COPY about 100,000 (10-14 us).
const std::string copy_setup_sql = std::string{R"sql(
WITH known_queues AS (
  INSERT INTO queues (name) SELECT unnest($2::text[])
  ON CONFLICT DO NOTHING
),
woken AS (
  SELECT count(pg_notify(')sql"} + notify_channel
                                   + R"sql(', q.name)) AS n
  FROM unnest($2::text[], $3::bigint[]) AS q(name, first_due_us)
  WHERE q.first_due_us <= sb_epoch_us(now())
)
SELECT nextval((SELECT pg_get_serial_sequence('jobs', 'id')::regclass)),
       (SELECT sb_epoch_us(now()))
FROM woken CROSS JOIN generate_series(1, $1)
)sql";

// The payloads jsonb_text() is not sure of, as PostgreSQL stores them.
const char* const normalise_sql = R"sql(
SELECT p::jsonb::text FROM unnest($1::text[]) WITH ORDINALITY AS u(p, i)
ORDER BY i
)sql";

// The latest run_at append_time() writes: the end of the year 9999 (a
// caf::timestamp, in nanoseconds, ends in 2262).
constexpr int64_t max_copy_us = 253'402'300'799'999'999;

// Delays beyond this (a century) take the general statement, which
// reports a run_at out of range as PostgreSQL does.
constexpr int64_t max_copy_delay_ms = 36'525LL * 86'400'000;

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

/// Whether the COPY path takes `x`: no unique key, no delay beyond a
/// century.
bool copyable(const new_job& x) {
  return x.unique_key.empty() && x.delay_ms <= max_copy_delay_ms;
}

// A PostgreSQL array literal of `items`, each one quoted.
std::string text_array(const std::vector<std::string_view>& items) {
  std::string out = "{";
  for (auto item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (auto c : item) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

void append_int(std::string& out, int64_t x) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof(buf), x).ptr;
  out.append(buf, end);
}

// `x` in `width` digits, zero-padded (x >= 0).
void append_digits(std::string& out, int64_t x, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i, x /= 10)
    buf[i] = static_cast<char>('0' + x % 10);
  out.append(buf, static_cast<size_t>(width));
}

// A timestamptz in COPY text, UTC: "2026-11-24 04:18:17.587123+00".
// Takes years 1 to 9999 (caf::timestamp spans 1677 to 2262; delays are
// bounded by max_copy_us). Not date::format: that goes through an
// ostringstream, a microsecond per job.
void append_time(std::string& out, int64_t us) {
  using namespace std::chrono;
  date::sys_time<microseconds> t{microseconds{us}};
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd{day};
  date::hh_mm_ss<microseconds> tod{t - day};
  append_digits(out, static_cast<int>(ymd.year()), 4);
  out += '-';
  append_digits(out, static_cast<unsigned>(ymd.month()), 2);
  out += '-';
  append_digits(out, static_cast<unsigned>(ymd.day()), 2);
  out += ' ';
  append_digits(out, tod.hours().count(), 2);
  out += ':';
  append_digits(out, tod.minutes().count(), 2);
  out += ':';
  append_digits(out, tod.seconds().count(), 2);
  out += '.';
  append_digits(out, tod.subseconds().count(), 6);
  out += "+00";
}

// A column value in COPY text: backslash, tab, newline and carriage return
// escaped.
void append_field(std::string& out, std::string_view x) {
  if (x.find_first_of("\\\t\n\r") == std::string_view::npos) {
    out += x;
    return;
  }
  for (auto c : x) {
    switch (c) {
    case '\\': out += "\\\\"; break;
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    default: out += c;
    }
  }
}

// Whether `x` is the backoff column's default (0002_jobs.sql).
bool default_backoff(const job_backoff& x) {
  return x.type == "fixed" && x.delay_ms == 0 && !x.jitter;
}

// The columns a COPY writes beyond id, queue, kind and state: those where a
// job of the batch differs from the column's default (0002_jobs.sql). The
// created_at and updated_at defaults are now(), as answered.
struct copy_columns {
  bool payload = false;
  bool priority = false;
  bool max_attempts = false;
  bool backoff = false;
  bool timeout = false;
  bool run_at = false;

  explicit copy_columns(const std::vector<new_job>& jobs) {
    for (auto& x : jobs) {
      payload = payload || x.payload != "{}";
      priority = priority || x.priority != 0;
      max_attempts = max_attempts || x.max_attempts != 1;
      backoff = backoff || !default_backoff(x.backoff);
      timeout = timeout || x.timeout_ms != 0;
      run_at = run_at || x.run_at || x.delay_ms != 0;
    }
  }

  std::vector<std::string> names() const {
    std::vector<std::string> out{"id", "queue", "kind", "state"};
    if (payload) out.emplace_back("payload");
    if (priority) out.emplace_back("priority");
    if (max_attempts) out.emplace_back("max_attempts");
    if (backoff) out.emplace_back("backoff");
    if (timeout) out.emplace_back("timeout_ms");
    if (run_at) out.emplace_back("run_at");
    return out;
  }

  /// The COPY line of `x`, the job as answered.
  void append_row(std::string& data, const job& x) const {
    data += x.id;
    data += '\t';
    append_field(data, x.queue);
    data += '\t';
    append_field(data, x.kind);
    data += '\t';
    data += x.state;
    if (payload) {
      data += '\t';
      append_field(data, x.payload);
    }
    if (priority) {
      data += '\t';
      append_int(data, x.priority);
    }
    if (max_attempts) {
      data += '\t';
      append_int(data, x.max_attempts);
    }
    if (backoff) {
      // As jsonb prints it (keys shortest first), so stored as written; the
      // type is one of two words (validate()).
      data += "\t{\"type\": \"";
      data += x.backoff.type;
      data += "\", \"jitter\": ";
      data += x.backoff.jitter ? "true" : "false";
      data += ", \"delay_ms\": ";
      append_int(data, x.backoff.delay_ms);
      data += '}';
    }
    if (timeout) {
      data += '\t';
      append_int(data, x.timeout_ms);
    }
    if (run_at) {
      data += '\t';
      append_time(data, to_epoch_us(x.run_at));
    }
    data += '\n';
  }
};

// The setup statement's $2 and $3: the batch's queues, and per queue the
// earliest run_at (us) of its jobs not delayed by delay_ms (the minimum
// bigint for a job due at once; NULL when all of them are delayed).
std::pair<std::string, std::string>
queues_and_dues(const std::vector<new_job>& jobs) {
  std::map<std::string_view, std::optional<int64_t>> first_due;
  for (auto& x : jobs) {
    auto& due = first_due[x.queue];
    if (x.run_at) {
      auto us = to_epoch_us(*x.run_at);
      if (!due || us < *due) due = us;
    } else if (x.delay_ms == 0) {
      due = std::numeric_limits<int64_t>::min();
    }
  }
  std::vector<std::string_view> queues;
  std::string dues = "{";
  for (auto& [queue, due] : first_due) {
    queues.push_back(queue);
    if (dues.size() > 1) dues += ',';
    if (due)
      append_int(dues, *due);
    else
      dues += "NULL";
  }
  dues += '}';
  return {text_array(queues), dues};
}

// The payloads as stored: computed here, those jsonb_text() is not sure of
// asked of PostgreSQL in one statement.
std::vector<std::string> stored_payloads(pqxx::transaction_base& tx,
                                         const std::vector<new_job>& jobs) {
  std::vector<std::string> payloads(jobs.size());
  std::vector<size_t> asked;
  std::vector<std::string_view> texts;
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (auto text = jsonb_text(jobs[i].payload)) {
      payloads[i] = std::move(*text);
    } else {
      asked.push_back(i);
      texts.push_back(jobs[i].payload);
    }
  }
  if (asked.empty()) return payloads;
  auto rows = tx.exec_params(normalise_sql, text_array(texts));
  for (size_t k = 0; k < asked.size(); ++k)
    payloads[asked[k]] = rows[static_cast<int>(k)][0].as<std::string>();
  return payloads;
}

// `x` as the COPY stores it, with its id and the transaction's now().
job created_job(const new_job& x, std::string id, std::string payload,
                int64_t now_us) {
  auto due_us = x.run_at ? to_epoch_us(*x.run_at) : now_us + x.delay_ms * 1000;
  if (due_us > max_copy_us)
    throw std::logic_error("enqueue: run_at beyond the year 9999");
  job out;
  out.id = std::move(id);
  out.queue = x.queue;
  out.kind = x.kind;
  out.payload = std::move(payload);
  out.priority = x.priority;
  out.state = due_us > now_us ? "delayed" : "waiting";
  out.max_attempts = x.max_attempts;
  out.backoff = x.backoff;
  out.timeout_ms = x.timeout_ms;
  out.run_at = from_epoch_us(due_us);
  out.created_at = from_epoch_us(now_us);
  out.updated_at = out.created_at;
  return out;
}

std::vector<enqueue_result> enqueue_copy(pqxx::connection_base& conn,
                                         const std::vector<new_job>& jobs) {
  copy_columns columns{jobs};
  auto [queues, dues] = queues_and_dues(jobs);
  pqxx::work tx{conn};
  auto head = tx.exec_params(copy_setup_sql, static_cast<int>(jobs.size()),
                             queues, dues);
  if (head.size() != jobs.size())
    throw std::logic_error("enqueue: fewer ids than jobs");
  auto now_us = head[0][1].as<int64_t>();
  auto payloads = stored_payloads(tx, jobs);
  std::vector<enqueue_result> results;
  results.reserve(jobs.size());
  std::string data;
  data.reserve(jobs.size() * (48 + (columns.payload ? 32 : 0)));
  for (size_t i = 0; i < jobs.size(); ++i) {
    results.push_back(
        {created_job(jobs[i], head[static_cast<int>(i)][0].c_str(),
                     std::move(payloads[i]), now_us),
         true});
    columns.append_row(data, results.back().value);
  }
  data.pop_back(); // write_raw_line() ends the last line
  {
    // pqxx 6.4's stream_to formats and sends row by row; its predecessor
    // tablewriter (deprecated) takes the whole batch as one raw line.
    auto names = columns.names();
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    pqxx::tablewriter copy{tx, "jobs", names.begin(), names.end()};
#pragma GCC diagnostic pop
    copy.write_raw_line(data);
    copy.complete();
  }
  tx.commit();
  return results;
}

} // namespace

std::vector<enqueue_result> enqueue(pqxx::connection_base& conn,
                                    const std::vector<new_job>& jobs) {
  for (auto& x : jobs)
    validate(x);
  if (!jobs.empty() && std::all_of(jobs.begin(), jobs.end(), copyable))
    return enqueue_copy(conn, jobs);
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
