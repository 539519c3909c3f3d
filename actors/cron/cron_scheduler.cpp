#include "actors/cron/cron_scheduler.hpp"

#include <algorithm>
#include <date/date.h>
#include <spdlog/spdlog.h>

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/cron/default_table.hpp"
#include "actors/cron/entry_schedule.hpp"
#include "messages/error.hpp"
#include "messages/node.hpp"
#include "persistence/cron_repo.hpp"
#include "persistence/db_request.hpp"
#include "persistence/jobs_repo.hpp"
#include "runtime/supervision/backoff.hpp"

namespace switchboard::cron {

namespace {

// Life of the actor:
//
//   loading --(last firings read)--> running
//      ^  |                            | tick: due firings become pending
//      +--+ load failed: retry         | and are enqueued; re-arm the timer
//           with backoff               | enqueue failed: that entry retries
//                                      | with backoff, its firings kept
struct cron_state {
  static inline const char* name = "cron";
  cron_options opts;
  std::vector<entry_schedule> entries;
  bool loaded = false;
  uint32_t load_failures = 0;
  uint64_t generation = 0;
};

using cron_pointer = cron_actor::stateful_pointer<cron_state>;

std::string iso(instant t) {
  return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
}

caf::timespan retry_delay(const cron_options& opts, uint32_t failures) {
  auto policy = exponential_backoff(opts.retry_base, 2.0, opts.retry_cap);
  return delay(policy, failures > 0 ? failures - 1 : 0, 0.0);
}

entry_schedule* find_entry(cron_pointer self, const std::string& name) {
  for (auto& e : self->state.entries)
    if (e.def.name == name) return &e;
  return nullptr;
}

// The one live timer: to the earliest next firing of the table. Older
// timers still in flight carry an older generation and are ignored.
void arm(cron_pointer self) {
  auto gen = ++self->state.generation;
  auto next = earliest_next(self->state.entries);
  if (!next) return;
  auto wait = std::max(*next - self->state.opts.now(), instant::duration{0});
  self->delayed_send(self, wait, cron_tick_atom_v, gen);
}

void enqueue_pending(cron_pointer self, entry_schedule& e);

void on_enqueued(cron_pointer self, const std::string& name,
                 const std::vector<enqueue_result>& results) {
  auto* e = find_entry(self, name);
  if (!e) return;
  auto n = std::min(results.size(), e->in_flight);
  for (std::size_t k = 0; k < n; ++k) {
    const auto& job = results[k].value;
    spdlog::info("cron {}: firing {} enqueued as job {} on queue {}{}", name,
                 iso(e->pending[k]), job.id, job.queue,
                 results[k].created ? "" : " (already enqueued)");
  }
  enqueue_succeeded(*e);
  // Firings that came due while this enqueue ran go next.
  enqueue_pending(self, *e);
}

void on_enqueue_failed(cron_pointer self, const std::string& name,
                       std::string why) {
  auto* e = find_entry(self, name);
  if (!e) return;
  auto count = e->in_flight;
  enqueue_failed(*e, std::move(why));
  auto wait = retry_delay(self->state.opts, e->failures);
  spdlog::warn(
      "cron {}: enqueue of {} firing(s) failed ({}), retry in {} ms", name,
      count, e->last_error,
      std::chrono::duration_cast<std::chrono::milliseconds>(wait).count());
  self->delayed_send(self, wait, cron_retry_atom_v, name);
}

// Enqueues the pending firings of one entry and records the latest, in one
// database task: the unique keys make a repeated enqueue harmless, so the
// task is idempotent and a lost reply is simply retried.
void enqueue_pending(cron_pointer self, entry_schedule& e) {
  auto fires = start_enqueue(e);
  if (fires.empty()) return;
  auto name = e.def.name;
  auto db = self->state.opts.database();
  if (!db) return on_enqueue_failed(self, name, "no database actor");
  auto jobs = firing_jobs(e.def, fires);
  if (self->state.opts.job_defaults)
    for (auto& x : jobs)
      self->state.opts.job_defaults(x);
  auto latest = caf::timestamp{fires.back()};
  persistence::db_request(
      self, db, "cron enqueue",
      [jobs, name, latest](pqxx::connection_base& conn) {
        auto results = persistence::jobs_repo::enqueue(conn, jobs);
        persistence::cron_repo::record(conn, name, latest);
        return results;
      },
      [self, name](std::vector<enqueue_result> results) {
        on_enqueued(self, name, results);
      },
      [self, name](const caf::error& err) {
        on_enqueue_failed(self, name, render(err));
      },
      {self->state.opts.db_timeout, true});
}

// Entries waiting for a retry keep their new firings until the retry.
void enqueue_due(cron_pointer self) {
  for (auto& e : self->state.entries)
    if (e.failures == 0 && !e.pending.empty()) enqueue_pending(self, e);
}

std::optional<instant> recorded_for(const std::vector<cron_firing>& xs,
                                    const std::string& name) {
  for (const auto& x : xs)
    if (x.entry == name) return instant{x.fired_at};
  return std::nullopt;
}

void on_loaded(cron_pointer self, const std::vector<cron_firing>& xs) {
  auto now = self->state.opts.now();
  for (auto& e : self->state.entries)
    resume(e, recorded_for(xs, e.def.name), now);
  self->state.loaded = true;
  spdlog::info("cron: running {} entries", self->state.entries.size());
  enqueue_due(self);
  arm(self);
}

void on_load_failed(cron_pointer self, const std::string& why) {
  auto wait = retry_delay(self->state.opts, ++self->state.load_failures);
  spdlog::warn(
      "cron: cannot read the last firings ({}), retry in {} ms", why,
      std::chrono::duration_cast<std::chrono::milliseconds>(wait).count());
  self->delayed_send(self, wait, cron_load_atom_v);
}

void load(cron_pointer self) {
  auto db = self->state.opts.database();
  if (!db) return on_load_failed(self, "no database actor");
  persistence::db_request(
      self, db, "cron last firings",
      [](pqxx::connection_base& conn) {
        return persistence::cron_repo::last_firings(conn);
      },
      [self](std::vector<cron_firing> xs) {
        on_loaded(self, xs);
      },
      [self](const caf::error& err) {
        on_load_failed(self, render(err));
      },
      {self->state.opts.db_timeout, true});
}

void on_tick(cron_pointer self, uint64_t gen) {
  if (gen != self->state.generation) return;
  auto now = self->state.opts.now();
  for (auto& e : self->state.entries)
    advance(e, now);
  enqueue_due(self);
  arm(self);
}

void fill_defaults(caf::actor_system& sys, cron_options& opts) {
  if (opts.table.empty()) opts.table = default_table();
  if (!opts.now)
    opts.now = [] {
      return std::chrono::system_clock::now();
    };
  if (!opts.database)
    opts.database = [&sys] {
      return caf::actor_cast<database_actor>(
          sys.registry().get(database_atom_v));
    };
}

cron_actor::behavior_type cron_scheduler(cron_pointer self, cron_options opts) {
  fill_defaults(self->system(), opts);
  auto table = compile_table(opts.table);
  self->state.opts = std::move(opts);
  if (!table) {
    spdlog::error("cron: {}", render(table.error()));
    self->quit(table.error());
    return cron_actor::behavior_type::make_empty_behavior();
  }
  self->state.entries = std::move(*table);
  load(self);
  return {
      [self](caf::get_atom) {
        std::vector<cron_entry_status> result;
        for (const auto& e : self->state.entries)
          result.push_back(status_of(e));
        return result;
      },
      [self](cron_tick_atom, uint64_t gen) {
        on_tick(self, gen);
      },
      [self](cron_load_atom) {
        if (!self->state.loaded) load(self);
      },
      [self](cron_retry_atom, const std::string& name) {
        if (auto* e = find_entry(self, name)) enqueue_pending(self, *e);
      },
  };
}

} // namespace

cron_actor spawn_cron(caf::actor_system& sys, cron_options opts) {
  return sys.spawn(cron_scheduler, std::move(opts));
}

} // namespace switchboard::cron
