#include "actors/queues/worker_pool_state.hpp"

#include <algorithm>
#include <unordered_set>

#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>
#include <caf/sec.hpp>
#include <caf/send.hpp>

#include "actors/queues/job_defaults.hpp"
#include "actors/queues/queue_log.hpp"
#include "persistence/db_request.hpp"
#include "persistence/jobs_repo.hpp"
#include "runtime/supervision/backoff.hpp"

namespace switchboard {

namespace {

using std::chrono::milliseconds;
namespace jobs_repo = persistence::jobs_repo;

// After a failed round trip the pool looks again this much later.
constexpr milliseconds retry_after_db_error{1000};

// A queue whose earliest job is due but was not claimed (another worker
// holds it in an uncommitted claim) is looked at again this much later,
// not at once, so two claimers never spin on each other.
constexpr milliseconds recheck_due{1};

// How long the pool yields (messages to itself, behind the answers already
// in its mailbox) without a new outcome arriving, at least max_idle_yields
// times, before it starts a round trip with the outcomes it has. Answers of
// jobs dispatched together arrive back to back, and each new one restarts
// the count; a round trip costs a commit (a WAL flush, 3.6 ms on the
// reference disk) however few outcomes it carries. Measured with no-op jobs
// (20,000, concurrency 50): trips carried 30 outcomes on average with 16
// yields alone, 42 with 200 us, 46 with 500 us, where the spinning's CPU
// cost ate the gain on 2 busy cores. The steady clock, not the actor clock,
// so that the wait also ends under a test's frozen clock.
constexpr uint32_t max_idle_yields = 16;
constexpr std::chrono::microseconds max_idle_wait{200};

// Runs on a database connection, in one transaction (one commit): outcomes
// first, so their slots are free for the claim of the same round trip.
pool_round_trip run_trip(pqxx::connection_base& conn, const std::string& queue,
                         const std::string& worker,
                         const std::vector<pending_outcome>& todo,
                         size_t claim_limit, milliseconds lock,
                         milliseconds ahead) {
  using action = attempt_decision::action;
  jobs_repo::trip_request request;
  request.queue = queue;
  request.worker = worker;
  request.claim_limit = claim_limit;
  request.lock = lock;
  request.claim_ahead = ahead;
  for (auto& x : todo) {
    auto& d = x.decision;
    if (d.what == action::complete) {
      request.completions.push_back({x.id, d.result});
    } else if (d.what == action::snooze) {
      jobs_repo::trip_record r;
      r.id = x.id;
      r.snooze = true;
      r.wait = d.delay;
      request.records.push_back(std::move(r));
    } else {
      jobs_repo::trip_record r;
      r.id = x.id;
      r.error = d.error;
      if (d.what == action::retry) r.retry_in = d.delay;
      request.records.push_back(std::move(r));
    }
  }
  auto answer = jobs_repo::worker_round_trip(conn, request);
  pool_round_trip result;
  result.completed = answer.completed.size();
  result.lost = request.completions.size() - result.completed;
  for (size_t i = 0; i < request.records.size(); ++i) {
    auto& state = answer.recorded[i];
    if (!state)
      ++result.lost;
    else if (request.records[i].snooze)
      ++result.snoozed;
    else if (*state == "dead")
      ++result.dead;
    else
      ++result.retried;
  }
  result.claim_limit = claim_limit;
  result.claim_asked = claim_limit > 0;
  result.claimed = std::move(answer.claimed);
  result.next_run_at = answer.next_run_at;
  return result;
}

} // namespace

void worker_pool_state::init(worker_pool_options options) {
  opts = std::move(options);
  if (!opts.now)
    opts.now = [] {
      return caf::make_timestamp();
    };
  worker = opts.worker + "#" + std::to_string(self->id());
  metrics = queue_pool_metrics{opts.metrics, opts.queue};
  subscribe();
  start_trip();
}

// -- claiming -----------------------------------------------------------------

size_t worker_pool_state::free_slots() const {
  auto taken = running.size() + held.size() + prefetched.size() + claiming;
  auto slots = size_t{opts.concurrency} + prefetch();
  return taken >= slots ? 0 : slots - taken;
}

uint32_t worker_pool_state::prefetch() const {
  return prefetch_allowance(opts.concurrency, opts.prefetch_below,
                            attempt_mean.value());
}

uint32_t worker_pool_state::max_trips() const {
  return std::max<uint32_t>(1, opts.trips_in_flight);
}

size_t worker_pool_state::full_trip() const {
  // With several trips in flight, a trip carries a share of the slots, so
  // that the outcomes of one share are written while another share runs.
  auto share = std::max<size_t>(1, (size_t{opts.concurrency} + prefetch())
                                       / max_trips());
  return std::min<size_t>(opts.claim_batch, share);
}

void worker_pool_state::trip_ended(const std::vector<std::string>& ids,
                                   size_t claim_limit) {
  --trips_in_flight;
  claiming -= claim_limit;
  for (auto& id : ids)
    if (auto i = std::find(recording.begin(), recording.end(), id);
        i != recording.end())
      recording.erase(i);
}

void worker_pool_state::start_trip() {
  if (trips_in_flight >= max_trips()) return;
  auto db = database();
  size_t limit = 0;
  if (!stopping && backlog)
    limit = std::min<size_t>(free_slots(), opts.claim_batch);
  if (pending.empty() && limit == 0) return;
  if (!db) {
    db_failed("round trip",
              caf::make_error(caf::sec::invalid_argument, "no database actor"));
    return;
  }
  // Kept until the write is known: a failed one is tried again.
  auto todo = std::move(pending);
  pending.clear();
  auto again = todo;
  std::vector<std::string> ids;
  for (auto& x : todo)
    ids.push_back(x.id);
  recording.insert(recording.end(), ids.begin(), ids.end());
  ++trips_in_flight;
  claiming += limit;
  persistence::db_request(
      self, db, "worker pool round trip",
      [queue = opts.queue, worker = worker, todo = std::move(todo), limit,
       lock = opts.lock,
       ahead = opts.claim_ahead](pqxx::connection_base& conn) {
        return run_trip(conn, queue, worker, todo, limit, lock, ahead);
      },
      [this, ids, limit, woken = wakes](pool_round_trip result) {
        trip_ended(ids, limit);
        on_round_trip(result, woken);
      },
      [this, ids, limit, again = std::move(again)](const caf::error& err) {
        trip_ended(ids, limit);
        pending.insert(pending.begin(), again.begin(), again.end());
        db_failed("round trip", err);
      });
}

void worker_pool_state::on_round_trip(pool_round_trip& result,
                                      uint64_t wakes_at_departure) {
  metrics.finished("completed", static_cast<double>(result.completed));
  metrics.finished("retry", static_cast<double>(result.retried));
  metrics.finished("dead", static_cast<double>(result.dead));
  metrics.finished("snooze", static_cast<double>(result.snoozed));
  metrics.finished("lost", static_cast<double>(result.lost));
  if (result.claim_asked) {
    if (result.claimed.size() >= result.claim_limit) {
      backlog = true;
    } else {
      // A NOTIFY that arrived meanwhile may be for a job committed after
      // this claim's snapshot.
      if (wakes == wakes_at_departure) backlog = false;
      if (result.next_run_at) arm_timer(*result.next_run_at - opts.claim_ahead);
    }
  }
  if (stopping && !result.claimed.empty()) {
    // Claimed while the drain began: handed back at once, never started.
    std::vector<std::string> ids;
    for (auto& x : result.claimed)
      ids.push_back(x.id);
    release(std::move(ids));
  } else {
    // Once per trip, not per job: the lookup is the registry's.
    if (!result.claimed.empty()) renew_handlers_on_new_database();
    // The database claimed by its clock; this node's may differ a little.
    auto now = opts.now();
    for (auto& x : result.claimed)
      if (opts.claim_ahead.count() > 0 && x.run_at > now)
        hold(x, now);
      else
        start_or_prefetch(x);
  }
  trip_or_wait();
  maybe_quit();
}

void worker_pool_state::arm_timer(caf::timestamp at) {
  auto now = opts.now();
  auto wait = at > now ? std::chrono::duration_cast<caf::timespan>(at - now)
                       : caf::timespan{recheck_due};
  if (timer_at && *timer_at <= now + wait) return;
  timer_at = now + wait;
  self->delayed_send(self, wait, wake_atom_v, ++timer_generation);
}

void worker_pool_state::on_timer(uint64_t generation) {
  if (generation != timer_generation) return;
  timer_at.reset();
  wake();
}

void worker_pool_state::trip_or_wait() {
  if (trips_in_flight >= max_trips()) return;
  auto full = full_trip();
  // Without outcomes, a trip only claims (when jobs may be ready): at once.
  if (pending.empty() || running.empty() || pending.size() >= full
      || stopping) {
    start_trip();
    return;
  }
  if (flush_armed) return;
  flush_armed = true;
  flush_seen = pending.size();
  idle_yields = 0;
  flush_progress_at = std::chrono::steady_clock::now();
  self->send(self, wake_atom_v, flush_generation);
}

void worker_pool_state::on_flush() {
  flush_armed = false;
  if (trips_in_flight >= max_trips()) return; // on_round_trip looks again
  auto full = full_trip();
  if (!pending.empty() && !running.empty() && pending.size() < full
      && !stopping) {
    auto now = std::chrono::steady_clock::now();
    if (pending.size() > flush_seen) {
      flush_seen = pending.size();
      idle_yields = 0;
      flush_progress_at = now;
    } else {
      ++idle_yields;
    }
    if (idle_yields < max_idle_yields
        || now - flush_progress_at < max_idle_wait) {
      flush_armed = true;
      self->send(self, wake_atom_v, flush_generation);
      return;
    }
  }
  start_trip();
}

void worker_pool_state::wake() {
  ++wakes;
  backlog = true;
  start_trip();
}

// -- running ------------------------------------------------------------------

void worker_pool_state::start_or_prefetch(const job& x) {
  if (running.size() < opts.concurrency)
    dispatch(x);
  else
    prefetched.push_back(x);
}

void worker_pool_state::start_prefetched() {
  while (!stopping && !prefetched.empty()
         && running.size() < opts.concurrency) {
    auto x = std::move(prefetched.front());
    prefetched.pop_front();
    dispatch(x);
  }
}

void worker_pool_state::dispatch(const job& x) {
  auto handler = handler_for(x.kind);
  if (!handler) {
    pending.push_back({x.id, decide(x, unknown_kind_outcome(x.kind), 0)});
    ++processed;
    ++failed;
    return;
  }
  auto now = self->clock().now();
  auto timeout_ms = x.timeout_ms > 0
                        ? x.timeout_ms
                        : default_timeout_ms(opts.queue, x.kind, opts.settings);
  auto tag = ++attempts_dispatched;
  auto& entry = running[x.id] = running_job{x, now, false, timeout_ms, tag};
  metrics.active(static_cast<double>(running.size()));
  arm_heartbeat();
  arm_deadline(entry.deadline());
  auto id = x.id;
  // No request timeout: on_deadline() abandons the job; a handler that dies
  // holding it is not answered either (CAF 0.17) and times out the same way.
  self->request(*handler, caf::infinite, run_job_atom_v, x)
      .then(
          [this, id, tag](job_outcome& outcome) {
            answered(id, tag, outcome);
          },
          [this, id, tag](caf::error& err) {
            answered(
                id, tag,
                job_retry("handler failed: " + self->system().render(err)));
          });
}

void worker_pool_state::answered(const std::string& id, uint64_t tag,
                                 const job_outcome& outcome) {
  auto i = running.find(id);
  if (i != running.end() && i->second.attempt_tag == tag) finish(id, outcome);
}

void worker_pool_state::arm_deadline(caf::actor_clock::time_point at) {
  if (deadline_at && *deadline_at <= at) return;
  deadline_at = at;
  auto wait = std::max(caf::timespan{0}, at - self->clock().now());
  self->delayed_send(self, wait, deadline_atom_v, ++deadline_generation);
}

void worker_pool_state::on_deadline(uint64_t generation) {
  if (generation != deadline_generation) return;
  deadline_at.reset();
  auto now = self->clock().now();
  std::vector<std::pair<std::string, int64_t>> expired;
  std::optional<caf::actor_clock::time_point> next;
  for (auto& [id, r] : running) {
    auto deadline = r.deadline();
    if (deadline <= now)
      expired.emplace_back(id, r.timeout_ms);
    else if (!next || deadline < *next)
      next = deadline;
  }
  for (auto& [id, timeout_ms] : expired)
    finish(id, timeout_outcome(timeout_ms));
  if (next) arm_deadline(*next);
}

void worker_pool_state::hold(const job& x, caf::timestamp now) {
  held.emplace(x.id, x);
  arm_heartbeat();
  // Never longer than claim_ahead, whatever this node's clock says.
  auto wait = std::min<caf::timespan>(x.run_at - now, opts.claim_ahead);
  self->delayed_send(self, wait, start_atom_v, x.id);
}

void worker_pool_state::on_start(const std::string& id) {
  auto i = held.find(id);
  if (i == held.end()) return; // released by a drain, or its lock was lost
  auto x = std::move(i->second);
  held.erase(i);
  start_or_prefetch(x);
}

void worker_pool_state::finish(const std::string& id,
                               const job_outcome& outcome) {
  auto i = running.find(id);
  if (i == running.end()) return;
  auto entry = std::move(i->second);
  running.erase(i);
  metrics.active(static_cast<double>(running.size()));
  auto took = self->clock().now() - entry.started;
  attempt_mean.add(took);
  metrics.attempt_took(std::chrono::duration<double>(took).count());
  ++processed;
  if (outcome.status != job_status::completed
      && outcome.status != job_status::snooze)
    ++failed;
  start_prefetched();
  if (entry.lost) {
    metrics.finished("lost");
  } else {
    pending.push_back({id, decide(entry.value, outcome, random01())});
    // A retry or snooze is due later: this pool looks again then.
    auto& d = pending.back().decision;
    if (d.what == attempt_decision::action::retry
        || d.what == attempt_decision::action::snooze)
      arm_timer(opts.now() + d.delay);
  }
  trip_or_wait();
  maybe_quit();
}

void worker_pool_state::arm_heartbeat() {
  if (beat_armed) return;
  beat_armed = true;
  self->delayed_send(self, opts.heartbeat, heartbeat_atom_v, ++beat_generation);
}

void worker_pool_state::on_heartbeat(uint64_t generation) {
  if (generation != beat_generation) return;
  beat_armed = false;
  auto ids = locked_ids();
  if (ids.empty()) return;
  arm_heartbeat();
  auto db = database();
  if (!db) return;
  persistence::db_request(
      self, db, "heartbeat jobs",
      [worker = worker, ids, lock = opts.lock](pqxx::connection_base& conn) {
        return jobs_repo::heartbeat(conn, worker, ids, lock);
      },
      [this, ids](const std::vector<std::string>& kept) {
        std::unordered_set<std::string> alive{kept.begin(), kept.end()};
        for (auto& id : ids) {
          if (alive.count(id) == 0 && forget_unstarted(id)) {
            queue_log()->warn("queue {}: job {} lost its lock", opts.queue, id);
            continue;
          }
          auto i = running.find(id);
          if (i == running.end() || alive.count(id) > 0 || i->second.lost)
            continue;
          i->second.lost = true;
          queue_log()->warn("queue {}: job {} lost its lock", opts.queue, id);
        }
      },
      [this](const caf::error& err) {
        db_failed("heartbeat", err);
      });
}

void worker_pool_state::progress(const std::string& id,
                                 const std::string& json) {
  auto i = running.find(id);
  auto db = database();
  if (i == running.end() || i->second.lost || !db) return;
  persistence::db_request(
      self, db, "job progress",
      [worker = worker, id, json](pqxx::connection_base& conn) {
        return jobs_repo::progress(conn, worker, id, json);
      },
      [](bool) {},
      [this](const caf::error& err) {
        db_failed("progress", err);
      });
}

// -- lifecycle ----------------------------------------------------------------

void worker_pool_state::subscribe() {
  if (!opts.listener || stopping) return;
  auto found = opts.listener();
  if (!found) {
    self->delayed_send(self, retry_after_db_error, subscribe_atom_v);
    return;
  }
  listener = found;
  self->monitor(listener);
  caf::anon_send(listener, subscribe_atom_v, opts.queue,
                 caf::actor_cast<caf::actor>(self));
  // NOTIFYs sent while no listener forwarded them are lost: look now.
  wake();
}

void worker_pool_state::begin_drain(caf::error reason) {
  if (stopping) return;
  stopping = true;
  exit_reason = std::move(reason);
  // Jobs claimed ahead or prefetched have not started: handed back at once.
  std::vector<std::string> unstarted;
  for (auto& [id, x] : held)
    unstarted.push_back(id);
  for (auto& x : prefetched)
    unstarted.push_back(x.id);
  held.clear();
  prefetched.clear();
  release(std::move(unstarted));
  if (!running.empty()) self->delayed_send(self, opts.drain, drain_atom_v);
  start_trip();
  maybe_quit();
}

void worker_pool_state::on_drain_deadline() {
  std::vector<std::string> ids;
  for (auto& [id, entry] : running)
    if (!entry.lost) {
      entry.lost = true;
      ids.push_back(id);
    }
  running.clear();
  release(std::move(ids));
  maybe_quit();
}

void worker_pool_state::release(std::vector<std::string> ids) {
  auto db = database();
  if (ids.empty() || !db) return;
  ++releasing;
  auto done = [this] {
    --releasing;
    maybe_quit();
  };
  persistence::db_request(
      self, db, "release jobs",
      [worker = worker, ids](pqxx::connection_base& conn) {
        return jobs_repo::release(conn, worker, ids);
      },
      [this, done](const std::vector<std::string>& released) {
        queue_log()->info("queue {}: released {} unfinished jobs", opts.queue,
                          released.size());
        done();
      },
      [this, done](const caf::error& err) {
        db_failed("release", err);
        done();
      });
}

void worker_pool_state::maybe_quit() {
  if (!stopping || !running.empty() || !pending.empty() || trips_in_flight > 0
      || releasing > 0)
    return;
  for (auto& [kind, handler] : handlers)
    self->send_exit(handler, caf::exit_reason::user_shutdown);
  self->quit(exit_reason);
}

void worker_pool_state::on_exit_msg(const caf::exit_msg& msg) {
  for (auto i = handlers.begin(); i != handlers.end(); ++i)
    if (msg.source == i->second.address()) {
      handlers.erase(i);
      return;
    }
  if (msg.reason) begin_drain(msg.reason);
}

void worker_pool_state::on_down(const caf::down_msg& msg) {
  if (listener && msg.source == listener.address()) {
    listener = nullptr;
    self->delayed_send(self, retry_after_db_error, subscribe_atom_v);
  }
}

pool_stats worker_pool_state::stats() const {
  pool_stats result;
  result.queue = opts.queue;
  result.worker = worker;
  result.active = static_cast<uint32_t>(running.size());
  result.capacity = opts.concurrency;
  result.prefetched = static_cast<uint32_t>(prefetched.size());
  result.processed = processed;
  result.failed = failed;
  result.paused = paused;
  result.stopping = stopping;
  return result;
}

// -- helpers ------------------------------------------------------------------

void worker_pool_state::renew_handlers_on_new_database() {
  auto db = database();
  if (db == handlers_db) return;
  handlers_db = db;
  if (handlers.empty()) return;
  queue_log()->info("queue {}: new database actor, restarting {} handlers",
                    opts.queue, handlers.size());
  for (auto& [kind, handler] : handlers) {
    // Unlinked first: their exit must not read as this pool's shutdown.
    self->unlink_from(handler);
    self->send_exit(handler, caf::exit_reason::user_shutdown);
  }
  handlers.clear();
}

std::optional<job_handler_actor>
worker_pool_state::handler_for(const std::string& kind) {
  if (auto i = handlers.find(kind); i != handlers.end()) return i->second;
  auto factory = opts.handlers.find(kind);
  if (factory == opts.handlers.end() || !factory->second) return std::nullopt;
  auto handler = factory->second(self->system());
  if (!handler) return std::nullopt;
  // Linked: a handler that dies is respawned on next use (on_exit_msg), and
  // handlers die with their pool.
  self->link_to(handler);
  handlers.emplace(kind, handler);
  return handler;
}

database_actor worker_pool_state::database() const {
  return opts.database ? opts.database() : database_actor{};
}

bool worker_pool_state::busy() const {
  return !running.empty() || !held.empty() || !prefetched.empty()
         || !pending.empty() || !recording.empty();
}

bool worker_pool_state::forget_unstarted(const std::string& id) {
  if (held.erase(id) > 0) return true;
  auto i
      = std::find_if(prefetched.begin(), prefetched.end(), [&](const job& x) {
          return x.id == id;
        });
  if (i == prefetched.end()) return false;
  prefetched.erase(i);
  return true;
}

std::vector<std::string> worker_pool_state::locked_ids() const {
  std::vector<std::string> result;
  for (auto& [id, entry] : running)
    if (!entry.lost) result.push_back(id);
  for (auto& [id, x] : held)
    result.push_back(id);
  for (auto& x : prefetched)
    result.push_back(x.id);
  for (auto& x : pending)
    result.push_back(x.id);
  result.insert(result.end(), recording.begin(), recording.end());
  return result;
}

void worker_pool_state::db_failed(const char* what, const caf::error& err) {
  queue_log()->warn("queue {}: {} failed: {}", opts.queue, what,
                    self->system().render(err));
  if (stopping) return maybe_quit();
  // Looks again later; the timer also retries pending outcomes.
  arm_timer(opts.now() + retry_after_db_error);
}

} // namespace switchboard
