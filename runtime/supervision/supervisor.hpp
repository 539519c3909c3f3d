#pragma once

// The supervisor building block: every supervisor of the node is one of
// these, and supervisors nest (node → domain supervisors → workers).
//
// What a supervisor promises:
// - Children are monitored, never linked; only the supervisor decides their
//   fate. Names are unique; starting an existing name returns its handle.
// - A permanent or transient child that fails (exits with a reason other
//   than none, normal or user_shutdown, or cannot be restarted) is restarted
//   after delay(backoff, n), n = its failures in a row (reset after a period
//   without failures). Timers carry a generation: stale ones are ignored.
// - A clean exit is not a failure: permanent children are restarted after
//   the base delay without counting it against the intensity (Erlang would
//   restart at once; the delay stops a child that exits at once from
//   spinning); transient and temporary children are forgotten.
// - Temporary children are never restarted.
// - A child_batch may carry one argument per child (what the caller already
//   loaded for it); the template's start_with gets it for that child's
//   first instance only. Restarts call start, so a restarted child fetches
//   its own state again, and no argument is kept per child.
// - If one child fails more than max_restarts times within period, the
//   supervisor stops all children and quits with errc::restart_intensity,
//   "<supervisor>: child <name> restarted R times in T ms", so its parent
//   sees which child gave up.
// - one_for_all: a child that must be restarted takes its siblings down
//   (user_shutdown) and all restart together after the backoff, in start
//   order, each once its old instance is down.
// - A child with a registry key is in system().registry() under that key
//   while an instance is alive, and absent while it restarts.
// - Stopping (exit_msg from the parent, or shutdown_atom) sends
//   user_shutdown to every child and quits with the exit reason once all of
//   them have terminated, killing any still alive at shutdown_deadline.
//   Termination is counted with one shared counter rather than a DOWN
//   message per child, so a million children stop in linear time without a
//   million supervisor wake-ups.

#include <optional>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/local_actor.hpp>

#include "messages/supervision.hpp"
#include "runtime/supervision/child_spec.hpp"
#include "runtime/supervision/supervisor_options.hpp"
#include "runtime/supervision/supervisor_state.hpp"

namespace switchboard {

/// The behavior of a supervisor; use the spawn functions below.
supervisor_actor::behavior_type supervisor(supervisor_state::pointer self,
                                           supervisor_options opts,
                                           std::vector<child_spec> children);

/// Spawns a top-level supervisor that starts `children` in order. If one
/// fails to start, it stops the others and quits with
/// errc::child_start_failed (watch it with monitor).
supervisor_actor spawn_supervisor(caf::actor_system& sys,
                                  supervisor_options opts,
                                  std::vector<child_spec> children = {});

/// Spawns a supervisor from inside an actor (it is not linked or monitored).
supervisor_actor spawn_supervisor(caf::local_actor* parent,
                                  supervisor_options opts,
                                  std::vector<child_spec> children = {});

/// A child spec that runs a nested supervisor under another one, named and
/// of kind "supervisor". Its shutdown_deadline should be shorter than its
/// parent's.
child_spec
supervisor_child(supervisor_options opts, std::vector<child_spec> children,
                 restart_type restart = restart_type::permanent,
                 std::optional<caf::atom_value> registry_key = std::nullopt);

} // namespace switchboard
