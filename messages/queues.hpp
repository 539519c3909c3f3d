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
#include <utility>
#include <vector>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>
#include <caf/replies_to.hpp>
#include <caf/timestamp.hpp>
#include <caf/type_id.hpp>
#include <caf/typed_actor.hpp>

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

/// How one attempt of a job ended, as its handler reports it.
enum class job_status : uint8_t {
  /// Done; `result` holds JSON text (empty: no result).
  completed,
  /// A failed attempt: retried after the job's backoff (or after `delay_ms`
  /// when > 0, e.g. a platform's Retry-After) while attempts are left, then
  /// dead.
  retry,
  /// Failed for good (e.g. FCM UNREGISTERED): dead at once, no retry.
  fail,
  /// Not an attempt (a rate limit): due again after `delay_ms`, attempt
  /// given back.
  snooze,
};

inline std::string to_string(job_status x) {
  switch (x) {
  case job_status::completed: return "completed";
  case job_status::retry: return "retry";
  case job_status::fail: return "fail";
  case job_status::snooze: return "snooze";
  }
  return "unknown";
}

/// What a handler answers for one attempt. `error` is a short text for
/// last_error and logs: never a token, a message body or SQL.
struct job_outcome {
  job_status status = job_status::completed;
  std::string result;
  std::string error;
  int64_t delay_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, job_outcome& x) {
  return f(caf::meta::type_name("job_outcome"), x.status, x.result, x.error,
           x.delay_ms);
}

inline job_outcome job_completed(std::string result = {}) {
  return {job_status::completed, std::move(result), {}, 0};
}

inline job_outcome job_retry(std::string error, int64_t delay_ms = 0) {
  return {job_status::retry, {}, std::move(error), delay_ms};
}

inline job_outcome job_failed(std::string error) {
  return {job_status::fail, {}, std::move(error), 0};
}

inline job_outcome job_snoozed(int64_t delay_ms, std::string why = {}) {
  return {job_status::snooze, {}, std::move(why), delay_ms};
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
CAF_ADD_TYPE_ID(sb_queue, (switchboard::job_outcome))

// A worker pool asks a handler to run one attempt: (run_job_atom, job) ->
// job_outcome. A handler may report progress to the pool that asked with
// (progress_atom, job id, JSON text).
CAF_ADD_ATOM(sb_queue, switchboard, run_job_atom, "run_job")
CAF_ADD_ATOM(sb_queue, switchboard, progress_atom, "progress")

CAF_END_TYPE_ID_BLOCK(sb_queue)

namespace switchboard {

/// The actor that runs the jobs of one kind (or several). It answers every
/// request, also for a payload it cannot use (job_failed), and never throws
/// out of a handler. The pool enforces the job's timeout on the request; a
/// handler's late answer is dropped.
using job_handler_actor
    = caf::typed_actor<caf::replies_to<run_job_atom, job>::with<job_outcome>>;

} // namespace switchboard
