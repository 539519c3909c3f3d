#pragma once

// The durable queues' SQL (DESIGN.md "Durable queues"): every job state
// change is one statement over the `jobs` table (migration 0002_jobs.sql).
//
// Promises:
// - Each function taking `conn` runs its own transaction on it and commits
//   it before returning (the *_in steps run in the caller's transaction);
//   every value is a bound parameter (or COPY data), never SQL text.
// - What must happen once is decided by one statement: a claim takes a job
//   with FOR UPDATE SKIP LOCKED, so concurrent claims get disjoint jobs; a
//   unique key maps to one retained job (any state) whoever enqueues it.
// - Ownership is checked where it is used: heartbeat, complete, fail, snooze
//   and progress change a job only while it is active AND locked_by is the
//   caller, in the same statement. A worker whose lock expired and was
//   rescued changes nothing.
// - Unknown or malformed ids are "not found" (std::nullopt, false, absent
//   from the returned ids), never an exception. Arguments outside the
//   contract (empty queue, unknown state, ...) throw std::invalid_argument;
//   database errors propagate as pqxx exceptions.
// - Statements that make jobs ready now (enqueue, retry, rescue_expired,
//   resume) NOTIFY channel `notify_channel` with the queue name as payload,
//   delivered when their transaction commits. Jobs due later wake no one:
//   workers keep a timer for next_run_at.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "messages/queues.hpp"

namespace pqxx {
class connection_base;
class transaction_base;
} // namespace pqxx

namespace switchboard::persistence::jobs_repo {

/// The LISTEN channel of job wake-ups; the payload is the queue name.
constexpr const char* notify_channel = "sb_jobs";

/// Whether `state` is one of waiting, delayed, active, completed, failed,
/// dead.
bool is_job_state(std::string_view state);

// -- producers ----------------------------------------------------------------

/// Enqueues `jobs` in one transaction: one statement (a second one only when
/// a concurrent enqueue of the same unique key committed meanwhile), or for a
/// batch without unique keys one COPY after one statement that draws the ids
/// (about twice as fast; the answers are built from the input). Returns
/// one result per input, in input order: the new job (created) or, for a
/// unique key already retained in the queue, the existing job whatever its
/// state (also for duplicates within `jobs`). A job due later (run_at or
/// delay_ms in the future) starts delayed, otherwise waiting. Throws
/// std::invalid_argument for an empty queue or kind, max_attempts < 1, a
/// negative delay or timeout, or a backoff type other than fixed or
/// exponential.
std::vector<enqueue_result> enqueue(pqxx::connection_base& conn,
                                    const std::vector<new_job>& jobs);

// -- workers ------------------------------------------------------------------

/// Claims up to `limit` due jobs (waiting, delayed or failed with run_at
/// reached) of `queue` in order priority desc, run_at, id: each becomes
/// active, owned by `worker` until now + `lock`, with one more attempt.
/// Returns them in that order; nothing while the queue is paused.
std::vector<job> claim(pqxx::connection_base& conn, const std::string& queue,
                       const std::string& worker, size_t limit,
                       std::chrono::milliseconds lock);

/// Extends the lock of the jobs in `ids` that `worker` still owns to now +
/// `lock`; returns those ids. A job missing from the answer is lost: its
/// worker must stop reporting on it.
std::vector<std::string> heartbeat(pqxx::connection_base& conn,
                                   const std::string& worker,
                                   const std::vector<std::string>& ids,
                                   std::chrono::milliseconds lock);

/// Completes many jobs in one statement; returns the ids actually completed
/// (those `worker` owned).
std::vector<std::string> complete(pqxx::connection_base& conn,
                                  const std::string& worker,
                                  const std::vector<job_completion>& items);

/// Records a failed attempt of a job `worker` owns. With `retry_at` and
/// attempts left, the job becomes failed (retrying) and is due at
/// `retry_at`; otherwise it becomes dead. Returns the updated job, or
/// std::nullopt when `worker` does not own it.
std::optional<job> fail(pqxx::connection_base& conn, const std::string& worker,
                        const std::string& id, const std::string& error,
                        std::optional<caf::timestamp> retry_at);

/// Puts a job `worker` owns back until `until` (delayed; waiting when
/// `until` has passed) and gives its attempt back: a rate limit is not a
/// failure. Returns whether `worker` owned it.
bool snooze(pqxx::connection_base& conn, const std::string& worker,
            const std::string& id, caf::timestamp until);

/// fail() with the retry time counted by the database from the same now()
/// as finished_at: with `retry_in` and attempts left the job becomes failed
/// and due at finished_at + retry_in; otherwise dead.
std::optional<job>
fail_after(pqxx::connection_base& conn, const std::string& worker,
           const std::string& id, const std::string& error,
           std::optional<std::chrono::milliseconds> retry_in);

/// snooze() until now + `wait` by the database's clock.
bool snooze_for(pqxx::connection_base& conn, const std::string& worker,
                const std::string& id, std::chrono::milliseconds wait);

/// Graceful shutdown: hands the jobs in `ids` that `worker` still owns back
/// to waiting (due at once, locks cleared) with their attempt given back,
/// and NOTIFYs their queues. Returns the ids released.
std::vector<std::string> release(pqxx::connection_base& conn,
                                 const std::string& worker,
                                 const std::vector<std::string>& ids);

/// Stores `progress_json` on a job `worker` owns; returns whether it did.
bool progress(pqxx::connection_base& conn, const std::string& worker,
              const std::string& id, const std::string& progress_json);

/// Takes back every active job whose lock expired (its worker died or
/// stalled): waiting again with the attempt counted, or dead when no
/// attempts are left. Returns how many jobs it took back.
size_t rescue_expired(pqxx::connection_base& conn);

/// When the workers of `queue` should look next: the earliest run_at of its
/// ready jobs (in the past when some are due now); std::nullopt when it has
/// none or is paused.
std::optional<caf::timestamp> next_run_at(pqxx::connection_base& conn,
                                          const std::string& queue);

// -- one worker round trip
// -----------------------------------------------------

/// A failed attempt or a snooze recorded by worker_round_trip().
struct trip_record {
  std::string id;
  /// A snooze for `wait` (attempt given back) rather than a failed attempt.
  bool snooze = false;
  std::chrono::milliseconds wait{0};
  /// A failed attempt: its error, and the retry delay when it may retry.
  std::string error;
  std::optional<std::chrono::milliseconds> retry_in;
};

struct trip_request {
  std::string queue;
  std::string worker;
  std::vector<job_completion> completions;
  std::vector<trip_record> records;
  /// 0: claims nothing.
  size_t claim_limit = 0;
  std::chrono::milliseconds lock{30000};
  /// Also claims jobs due within this much from now (their lock counts
  /// from run_at; started_at is run_at): the pool starts them on its own
  /// timer, so a delayed job does not wait for a round trip at its run_at.
  std::chrono::milliseconds claim_ahead{0};
};

struct trip_answer {
  /// Ids completed (those `worker` still owned).
  std::vector<std::string> completed;
  /// One per record, in order: the state it left the job in (failed, dead,
  /// delayed or waiting), or std::nullopt when `worker` no longer owned it.
  std::vector<std::optional<std::string>> recorded;
  std::vector<job> claimed;
  /// Asked only when the claim took fewer than claim_limit jobs.
  std::optional<caf::timestamp> next_run_at;
};

/// A worker pool's round trip in ONE transaction and so one commit (one WAL
/// flush): fail_after() or snooze_for() of each record, then trip_in():
/// complete(), claim() into the slots they freed, and next_run_at() when
/// the claim came up short. Same owner checks and claim rules as those
/// functions; if anything throws, nothing of it happened.
trip_answer worker_round_trip(pqxx::connection_base& conn,
                              const trip_request& request);

/// The completions and the claim of a round trip (one call of
/// sb_worker_trip) inside a caller's transaction: completes those of
/// `completions` that `worker` owns, claims up to `limit` (0: none) as
/// claim() does, and asks next_run_at when it claimed fewer than `limit`.
/// `recorded` stays empty. Throws std::invalid_argument without a worker.
trip_answer trip_in(pqxx::transaction_base& tx, const std::string& queue,
                    const std::string& worker,
                    const std::vector<job_completion>& completions,
                    size_t limit, std::chrono::milliseconds lock,
                    std::chrono::milliseconds ahead
                    = std::chrono::milliseconds{0});

/// The steps of worker_round_trip() for failures and snoozes inside a
/// caller's transaction (the functions above of the same name without _in
/// commit their own).
std::optional<job>
fail_after_in(pqxx::transaction_base& tx, const std::string& worker,
              const std::string& id, const std::string& error,
              std::optional<std::chrono::milliseconds> retry_in);
bool snooze_for_in(pqxx::transaction_base& tx, const std::string& worker,
                   const std::string& id, std::chrono::milliseconds wait);

// -- administration -----------------------------------------------------------

std::optional<job> get(pqxx::connection_base& conn, const std::string& id);

/// Jobs of `queue` in `state` (empty: every state) with an id above
/// `after_id` (empty: from the start), in id order, at most `limit`. The
/// last job's id is the cursor of the next page.
std::vector<job> list(pqxx::connection_base& conn, const std::string& queue,
                      const std::string& state, const std::string& after_id,
                      size_t limit);

/// Sends a failed or dead job back to waiting, due now, with its attempts
/// reset to 0 (a manual retry grants the full max_attempts again; last_error
/// stays for inspection). Returns false for an unknown job or another state.
bool retry(pqxx::connection_base& conn, const std::string& id);

enum class remove_outcome {
  removed,
  not_found,
  /// An active job belongs to its worker; it can be removed once it
  /// finished or its lock was rescued.
  active,
};

remove_outcome remove(pqxx::connection_base& conn, const std::string& id);

/// Deletes the jobs of `queue` in `state` that finished (or, never started,
/// were created) more than `older_than` ago; returns how many. Throws
/// std::invalid_argument for an unknown state or for active.
size_t clean(pqxx::connection_base& conn, const std::string& queue,
             const std::string& state, std::chrono::milliseconds older_than);

/// Deletes completed jobs of every queue that finished more than
/// `older_than` ago (the retention), freeing their unique keys; dead jobs
/// stay until removed. Returns how many.
size_t prune_completed(pqxx::connection_base& conn,
                       std::chrono::milliseconds older_than);

/// A paused queue keeps its jobs and accepts new ones; claims return
/// nothing until it is resumed.
void pause(pqxx::connection_base& conn, const std::string& queue);

void resume(pqxx::connection_base& conn, const std::string& queue);

/// Counts per state, paused, and durations and success rate over the most
/// recent jobs (`recent_window` by id) of `queue`.
queue_stats stats(pqxx::connection_base& conn, const std::string& queue);

/// stats() of every queue ever enqueued to or paused, by name.
std::vector<queue_stats> stats_all(pqxx::connection_base& conn);

/// How many recent jobs stats() looks at for durations and success rate.
constexpr size_t recent_window = 1000;

} // namespace switchboard::persistence::jobs_repo
