#pragma once

// Messages and typed interface of supervisors (runtime/supervision/*).
//
// A supervisor owns a set of named children. Each child is started from a
// shared `child_template` (kind, start function, restart type, registry key),
// so 100,000 children of one kind cost one template, not 100,000 copies.
// Child specs and batches carry a std::function and are therefore local-only
// message types: they never cross the network. Everything a supervisor
// reports (child_info, supervisor_summary) is serialisable for inspection.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/fwd.hpp>
#include <caf/message.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/type_id.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"

namespace switchboard {

/// When a supervisor restarts a child after it exits. A "clean" exit is
/// `exit_reason::normal`, `exit_reason::user_shutdown` or no error at all.
enum class restart_type : uint8_t {
  /// Always restarted: after a failure (with backoff, counted against the
  /// restart intensity) and after a clean exit (after the base delay, not
  /// counted: a clean exit is not a failure).
  permanent,
  /// Restarted only after a failure; a clean exit removes it.
  transient,
  /// Never restarted; any exit removes it.
  temporary,
};

/// Spawns one instance of a child. `supervisor` is the calling supervisor
/// (spawn with `supervisor->spawn(...)`), `name` the child's unique name in
/// it (an account id, say). Returns an invalid handle or throws on failure.
using start_fn = std::function<caf::actor(caf::local_actor* supervisor,
                                          const std::string& name)>;

/// Spawns the first instance of a child started from a child_batch that
/// carries `args`: `arg` is that child's own argument (say, the account a
/// caller loaded for it), so the child need not fetch what the caller has.
/// Restarts always use `start`: the argument is not kept.
using start_with_fn = std::function<caf::actor(caf::local_actor* supervisor,
                                               const std::string& name,
                                               const caf::message& arg)>;

/// Everything needed to (re)start children of one kind. Immutable and
/// shared by every child started from it.
struct child_template {
  /// Kind for metrics and inspection, e.g. "account_poller".
  std::string kind;
  /// Spawns an instance.
  start_fn start;
  restart_type restart = restart_type::permanent;
  /// When set, every (re)start puts the live handle into
  /// `system().registry()` under this key, and the key is erased when that
  /// instance goes down. Meant for singletons.
  std::optional<caf::atom_value> registry_key;
  /// During shutdown, told to exit only once every other child is down: for
  /// a dependency the others still use while they drain (the database).
  bool stop_last = false;
  /// Optional: starts a child of a batch with args (start_with_fn); without
  /// it, such children start with `start` and their argument is dropped.
  start_with_fn start_with = {};
};

using child_template_ptr = std::shared_ptr<const child_template>;

/// One child: a name, unique within its supervisor, and its template.
struct child_spec {
  std::string name;
  child_template_ptr tmpl;
};

/// Many children started from one template: one per name.
struct child_batch {
  child_template_ptr tmpl;
  std::vector<std::string> names;
  /// Empty, or one argument per name for the template's start_with (only
  /// children not running yet are started, so an argument for a name that
  /// already runs is dropped).
  std::vector<caf::message> args = {};
};

/// A child's state as a supervisor reports it.
enum class child_state : uint8_t {
  /// Its current instance is alive.
  running,
  /// Waiting for its restart delay (or for its old instance to go down).
  restarting,
  /// The supervisor is shutting down and has told it to exit.
  stopping,
};

inline std::string to_string(child_state x) {
  switch (x) {
  case child_state::running: return "running";
  case child_state::restarting: return "restarting";
  case child_state::stopping: return "stopping";
  }
  return "unknown";
}

/// One child, for /api/actors and remote inspection.
struct child_info {
  std::string name;
  std::string kind;
  child_state state = child_state::running;
  /// Restarts of this child since it was first started.
  uint32_t restarts = 0;
  /// Actor id of the current instance; 0 while restarting.
  uint64_t id = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, child_info& x) {
  return f(caf::meta::type_name("child_info"), x.name, x.kind, x.state,
           x.restarts, x.id);
}

/// Counts of one supervisor.
struct supervisor_summary {
  std::string name;
  uint64_t children = 0;
  uint64_t running = 0;
  uint64_t restarting = 0;
  /// Children stopped by name whose DOWN has not arrived yet.
  uint64_t stopping = 0;
  /// Restarts performed since the supervisor started.
  uint64_t restarts = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, supervisor_summary& x) {
  return f(caf::meta::type_name("supervisor_summary"), x.name, x.children,
           x.running, x.restarting, x.stopping, x.restarts);
}

} // namespace switchboard

// Local-only: they hold a std::function.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(switchboard::child_spec)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(switchboard::child_batch)

CAF_BEGIN_TYPE_ID_BLOCK(sb_sup, caf::first_custom_type_id + 200)

CAF_ADD_TYPE_ID(sb_sup, (switchboard::child_info))
CAF_ADD_TYPE_ID(sb_sup, (std::vector<switchboard::child_info>))
CAF_ADD_TYPE_ID(sb_sup, (switchboard::supervisor_summary))

// A supervisor's own backoff timer (internal).
CAF_ADD_ATOM(sb_sup, switchboard, respawn_atom, "respawn")

CAF_END_TYPE_ID_BLOCK(sb_sup)

namespace switchboard {

// clang-format off
/// A supervisor. Children are monitored, never linked: their fate is decided
/// here. Exit it with `user_shutdown` (or send `shutdown_atom`) to stop every
/// child and then the supervisor; if a child exceeds the restart intensity the
/// supervisor stops every child and quits with `errc::restart_intensity`.
using supervisor_actor = caf::typed_actor<
  /// Starts a child unless one with that name exists (idempotent). Replies
  /// with its handle: the live instance, or an invalid handle while it waits
  /// for a restart. Fails with `errc::child_start_failed`.
  caf::replies_to<caf::spawn_atom, child_spec>::with<caf::actor>,
  /// Starts one child per name from one template, skipping existing names.
  /// Replies with how many were started; fails at the first start failure.
  caf::replies_to<caf::spawn_atom, child_batch>::with<uint64_t>,
  /// Stops a child cleanly and forgets it: it is not restarted and its name
  /// is free at once. Fails with `errc::not_found`.
  caf::replies_to<stop_atom, std::string>::with<caf::ok_atom>,
  /// Lists every child, in name order (large supervisors: use pages).
  caf::replies_to<caf::get_atom>::with<std::vector<child_info>>,
  /// Lists up to `limit` children whose names follow `after` ("" = first).
  caf::replies_to<caf::get_atom, std::string, uint32_t>
    ::with<std::vector<child_info>>,
  /// One child by name. Fails with `errc::not_found`.
  caf::replies_to<caf::get_atom, std::string>::with<child_info>,
  /// Counts of children by state.
  caf::replies_to<stats_atom>::with<supervisor_summary>,
  /// Stops every child, then the supervisor (exit reason user_shutdown).
  caf::reacts_to<shutdown_atom>,
  /// Internal: the backoff timer of one child (name, timer generation).
  caf::reacts_to<respawn_atom, std::string, uint64_t>,
  /// Internal: the backoff timer of a one_for_all restart (generation).
  caf::reacts_to<respawn_atom, uint64_t>,
  /// Internal: a window of children has terminated during shutdown.
  caf::reacts_to<shutdown_atom, caf::ok_atom>,
  /// Internal: the shutdown deadline; children still alive are killed.
  caf::reacts_to<shutdown_atom, caf::timeout_atom>>;
// clang-format on

} // namespace switchboard
