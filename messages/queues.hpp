#pragma once

// Messages of the durable queues (DESIGN.md "Durable queues"): jobs as they
// are stored in the `jobs` table (persistence/jobs_repo.hpp), what enqueue
// takes and returns, and per-queue statistics.
//
// Conventions: job ids are decimal strings (the API's ids are strings);
// JSON values travel as JSON text; an empty string stands for SQL NULL in
// the optional text columns (unique_key, locked_by, last_error, progress,
// result); times are caf::timestamp (system clock, UNIX epoch), nullable
// ones caf::optional (CAF 0.17 cannot inspect std::optional).

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>
#include <caf/timestamp.hpp>
#include <caf/type_id.hpp>

namespace switchboard {

/// How a failed job waits before its next attempt; stored as JSON in
/// jobs.backoff, applied by the worker (the repository only stores it).
struct job_backoff {
  /// "fixed": delay_ms every time; "exponential": delay_ms * 2^(attempt-1).
  std::string type = "fixed";
  int64_t delay_ms = 0;
  /// Whether the worker randomizes the delay.
  bool jitter = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, job_backoff& x) {
  return f(caf::meta::type_name("job_backoff"), x.type, x.delay_ms, x.jitter);
}

/// One row of `jobs`.
struct job {
  std::string id;
  std::string queue;
  std::string kind;
  /// JSON text.
  std::string payload;
  /// Higher runs first.
  int32_t priority = 0;
  /// waiting, delayed, active, completed, failed (retrying) or dead.
  std::string state;
  /// Attempts started so far.
  int32_t attempts = 0;
  int32_t max_attempts = 1;
  job_backoff backoff;
  /// 0: no timeout.
  int64_t timeout_ms = 0;
  /// When the job is (or was) due.
  caf::timestamp run_at;
  std::string unique_key;
  /// The worker holding the job while it is active.
  std::string locked_by;
  caf::optional<caf::timestamp> locked_until;
  std::string last_error;
  /// JSON text.
  std::string progress;
  /// JSON text.
  std::string result;
  caf::timestamp created_at;
  /// Start and end of the latest attempt.
  caf::optional<caf::timestamp> started_at;
  caf::optional<caf::timestamp> finished_at;
  caf::timestamp updated_at;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, job& x) {
  return f(caf::meta::type_name("job"), x.id, x.queue, x.kind, x.payload,
           x.priority, x.state, x.attempts, x.max_attempts, x.backoff,
           x.timeout_ms, x.run_at, x.unique_key, x.locked_by, x.locked_until,
           x.last_error, x.progress, x.result, x.created_at, x.started_at,
           x.finished_at, x.updated_at);
}

/// What enqueue takes.
struct new_job {
  std::string queue;
  std::string kind;
  /// JSON text; PostgreSQL rejects invalid JSON.
  std::string payload = "{}";
  int32_t priority = 0;
  /// Runs this long after the enqueue (ignored when run_at is set).
  int64_t delay_ms = 0;
  caf::optional<caf::timestamp> run_at;
  /// Empty: no dedupe. Otherwise one retained job per (queue, unique_key).
  std::string unique_key;
  int32_t max_attempts = 1;
  job_backoff backoff;
  int64_t timeout_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, new_job& x) {
  return f(caf::meta::type_name("new_job"), x.queue, x.kind, x.payload,
           x.priority, x.delay_ms, x.run_at, x.unique_key, x.max_attempts,
           x.backoff, x.timeout_ms);
}

/// The job an enqueue stands for: the new one (created) or the retained job
/// that already had its unique key.
struct enqueue_result {
  job value;
  bool created = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, enqueue_result& x) {
  return f(caf::meta::type_name("enqueue_result"), x.value, x.created);
}

/// A job a worker finished, for a batched complete.
struct job_completion {
  std::string id;
  /// JSON text; empty: no result.
  std::string result;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, job_completion& x) {
  return f(caf::meta::type_name("job_completion"), x.id, x.result);
}

/// Counts per state and recent performance of one queue.
struct queue_stats {
  std::string queue;
  bool paused = false;
  int64_t waiting = 0;
  int64_t active = 0;
  int64_t completed = 0;
  int64_t failed = 0;
  int64_t delayed = 0;
  int64_t dead = 0;
  /// Durations (finished_at - started_at) of recent completed jobs.
  double p50_ms = 0;
  double p95_ms = 0;
  /// Completed / (completed + dead) over recent jobs that finished for
  /// good; 1 when there are none (recent_finished == 0).
  double success_rate = 1;
  int64_t recent_finished = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, queue_stats& x) {
  return f(caf::meta::type_name("queue_stats"), x.queue, x.paused, x.waiting,
           x.active, x.completed, x.failed, x.delayed, x.dead, x.p50_ms,
           x.p95_ms, x.success_rate, x.recent_finished);
}

} // namespace switchboard

CAF_BEGIN_TYPE_ID_BLOCK(sb_queue, caf::first_custom_type_id + 500)

CAF_ADD_TYPE_ID(sb_queue, (switchboard::job_backoff))
CAF_ADD_TYPE_ID(sb_queue, (switchboard::job))
CAF_ADD_TYPE_ID(sb_queue, (std::vector<switchboard::job>))
CAF_ADD_TYPE_ID(sb_queue, (switchboard::new_job))
CAF_ADD_TYPE_ID(sb_queue, (std::vector<switchboard::new_job>))
CAF_ADD_TYPE_ID(sb_queue, (switchboard::enqueue_result))
CAF_ADD_TYPE_ID(sb_queue, (std::vector<switchboard::enqueue_result>))
CAF_ADD_TYPE_ID(sb_queue, (switchboard::job_completion))
CAF_ADD_TYPE_ID(sb_queue, (std::vector<switchboard::job_completion>))
CAF_ADD_TYPE_ID(sb_queue, (switchboard::queue_stats))
CAF_ADD_TYPE_ID(sb_queue, (std::vector<switchboard::queue_stats>))

CAF_END_TYPE_ID_BLOCK(sb_queue)
