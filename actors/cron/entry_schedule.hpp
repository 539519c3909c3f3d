#pragma once

// The cron actor's bookkeeping for one entry, as pure functions of the
// instants the actor passes in: which firings are due, which are waiting
// for the database, and when the entry fires next. The actor only moves
// time forward and talks to the database.

#include <cstdint>
#include <date/tz.h>
#include <optional>
#include <string>
#include <vector>

#include <caf/expected.hpp>

#include "actors/cron/cron_entry.hpp"
#include "actors/cron/cron_expression.hpp"
#include "actors/cron/cron_schedule.hpp"
#include "messages/cron.hpp"
#include "messages/queues.hpp"

namespace switchboard::cron {

/// One entry of the running table.
struct entry_schedule {
  cron_entry def;
  cron_expression expression;
  const date::time_zone* zone = nullptr;
  /// The latest firing whose job is enqueued and recorded.
  std::optional<instant> last_fired;
  /// The next firing the timer waits for; none: never again.
  std::optional<instant> next;
  /// Firings due and not yet enqueued, ascending.
  std::vector<instant> pending;
  /// How many of `pending` (from the front) an enqueue is running for.
  std::size_t in_flight = 0;
  /// Failed enqueues in a row (the retry backoff's attempt).
  uint32_t failures = 0;
  std::string last_error;
};

/// Parses the expression and finds the zone. A failure is
/// errc::invalid_argument naming the entry.
caf::expected<entry_schedule> compile_entry(const cron_entry& def);

/// compile_entry() of every entry; the first failure fails the table. Entry
/// names must be unique (they are the unique keys' prefix).
caf::expected<std::vector<entry_schedule>>
compile_table(const std::vector<cron_entry>& table);

/// Starts `e` at `now` from the firing recorded last: the missed firings
/// its policy keeps become pending and `next` the first firing after both.
/// Without a record (a new entry) nothing was missed.
void resume(entry_schedule& e, std::optional<instant> recorded, instant now);

/// Moves `e` to `now`: when `next` has come, it becomes pending, along with
/// the firings after it up to `now` that the missed policy keeps (a timer
/// that fired late, a clock that jumped). Returns whether any became
/// pending.
bool advance(entry_schedule& e, instant now);

/// The earliest `next` of all entries, if any.
std::optional<instant> earliest_next(const std::vector<entry_schedule>& xs);

/// The jobs of firings `fires` of `def`: one per firing, due at the fire
/// time, with unique_key(def.name, fire time).
std::vector<new_job> firing_jobs(const cron_entry& def,
                                 const std::vector<instant>& fires);

/// Marks every pending firing as being enqueued; returns them (none while
/// an enqueue is in flight already).
std::vector<instant> start_enqueue(entry_schedule& e);

/// The enqueue of the in-flight firings succeeded: they are done.
void enqueue_succeeded(entry_schedule& e);

/// The enqueue failed with `why`: the firings stay pending.
void enqueue_failed(entry_schedule& e, std::string why);

/// What GET /api/cron shows of `e`.
cron_entry_status status_of(const entry_schedule& e);

/// "skip", "run_once" or "run_all".
const char* to_string(missed_mode x);

} // namespace switchboard::cron
