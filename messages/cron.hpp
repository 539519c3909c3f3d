#pragma once

// Messages and typed interface of the cron actor (actors/cron/
// cron_scheduler.*): what it reports about its table, the firings it records
// in `cron_firings` (persistence/cron_repo.*), and its own timer messages.
//
// Times are caf::timestamp (system clock, UNIX epoch); nullable ones
// caf::optional (CAF 0.17 cannot inspect std::optional).

#include <cstdint>
#include <string>
#include <vector>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>
#include <caf/replies_to.hpp>
#include <caf/timestamp.hpp>
#include <caf/type_id.hpp>
#include <caf/typed_actor.hpp>

namespace switchboard {

/// The last firing of one cron entry, as recorded in the database.
struct cron_firing {
  std::string entry;
  caf::timestamp fired_at;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, cron_firing& x) {
  return f(caf::meta::type_name("cron_firing"), x.entry, x.fired_at);
}

/// One entry of the cron table as the running actor sees it.
struct cron_entry_status {
  std::string name;
  std::string expression;
  std::string zone;
  std::string queue;
  std::string kind;
  /// The missed-firing policy: "skip", "run_once" or "run_all".
  std::string missed;
  /// For run_all: at most this many missed firings run.
  uint32_t missed_cap = 0;
  /// The latest firing whose job is enqueued (recorded in the database).
  caf::optional<caf::timestamp> last_fired_at;
  /// When the timer fires next for this entry; none if it never fires again.
  caf::optional<caf::timestamp> next_fire_at;
  /// Firings due and not yet enqueued (waiting for the database), ascending.
  std::vector<caf::timestamp> pending;
  /// Why the latest enqueue failed; empty after a success.
  std::string last_error;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, cron_entry_status& x) {
  return f(caf::meta::type_name("cron_entry_status"), x.name, x.expression,
           x.zone, x.queue, x.kind, x.missed, x.missed_cap, x.last_fired_at,
           x.next_fire_at, x.pending, x.last_error);
}

} // namespace switchboard

CAF_BEGIN_TYPE_ID_BLOCK(sb_cron, caf::first_custom_type_id + 800)

CAF_ADD_TYPE_ID(sb_cron, (switchboard::cron_firing))
CAF_ADD_TYPE_ID(sb_cron, (std::vector<switchboard::cron_firing>))
CAF_ADD_TYPE_ID(sb_cron, (switchboard::cron_entry_status))
CAF_ADD_TYPE_ID(sb_cron, (std::vector<switchboard::cron_entry_status>))

// Registry key of the node's cron actor.
CAF_ADD_ATOM(sb_cron, switchboard, cron_atom, "cron")
// The cron actor's timer, tagged with a generation (stale ones are ignored).
CAF_ADD_ATOM(sb_cron, switchboard, cron_tick_atom, "cron_tick")
// The cron actor's (re)load of the recorded firings.
CAF_ADD_ATOM(sb_cron, switchboard, cron_load_atom, "cron_load")
// The cron actor's retry of one entry's enqueue after a database error.
CAF_ADD_ATOM(sb_cron, switchboard, cron_retry_atom, "cron_retry")

CAF_END_TYPE_ID_BLOCK(sb_cron)

namespace switchboard {

// clang-format off
using cron_actor = caf::typed_actor<
  /// The table: one status per entry, in table order.
  caf::replies_to<caf::get_atom>::with<std::vector<cron_entry_status>>,
  /// Internal: the timer to the earliest next firing, with its generation.
  caf::reacts_to<cron_tick_atom, uint64_t>,
  /// Internal: (re)load the recorded last firings.
  caf::reacts_to<cron_load_atom>,
  /// Internal: enqueue the pending firings of the named entry again.
  caf::reacts_to<cron_retry_atom, std::string>>;
// clang-format on

} // namespace switchboard
