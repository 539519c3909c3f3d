#pragma once

// Building child specs for supervisors. The types themselves live in
// messages/supervision.hpp because specs travel in messages.
//
//   auto db = make_child("database", "database", spawn_fn(database, cfg),
//                        restart_type::permanent, db_atom_v);
//   auto poller = make_template("account_poller",
//                               spawn_named_fn(account_poller, deps),
//                               restart_type::transient);
//   self->request(sup, 5s, spawn_atom_v, child_spec{"acc-42", poller});

#include <optional>
#include <string>

#include <caf/actor_cast.hpp>
#include <caf/local_actor.hpp>
#include <caf/spawn_options.hpp>

#include "messages/supervision.hpp"

namespace switchboard {

/// A shared template for children of `kind`.
child_template_ptr make_template(std::string kind, start_fn start,
                                 restart_type restart = restart_type::permanent,
                                 std::optional<caf::atom_value> registry_key
                                 = std::nullopt);

/// A child with a template of its own (for singletons and small trees).
child_spec make_child(std::string name, std::string kind, start_fn start,
                      restart_type restart = restart_type::permanent,
                      std::optional<caf::atom_value> registry_key
                      = std::nullopt);

// Both helpers spawn through the actor system rather than `sup->spawn`: CAF
// then schedules the new actor through its round-robin queue instead of the
// supervisor's own worker, so a batch of thousands of children is spread over
// all workers rather than stolen one at a time (which is slow in CAF 0.17's
// work-stealing scheduler).

/// A start function that spawns the function-based actor `fun(self, xs...)`
/// (the child's name is not passed).
template <caf::spawn_options Os = caf::no_spawn_options, class F, class... Ts>
start_fn spawn_fn(F fun, Ts... xs) {
  return [=](caf::local_actor* sup, const std::string&) {
    return caf::actor_cast<caf::actor>(sup->system().spawn<Os>(fun, xs...));
  };
}

/// A start function that spawns `fun(self, name, xs...)`, so one template
/// serves many children told apart by name (one poller per account id).
template <caf::spawn_options Os = caf::no_spawn_options, class F, class... Ts>
start_fn spawn_named_fn(F fun, Ts... xs) {
  return [=](caf::local_actor* sup, const std::string& name) {
    return caf::actor_cast<caf::actor>(
        sup->system().spawn<Os>(fun, name, xs...));
  };
}

} // namespace switchboard
