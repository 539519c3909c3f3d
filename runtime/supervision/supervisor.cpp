#include "runtime/supervision/supervisor.hpp"

#include <limits>

#include <caf/actor_cast.hpp>

namespace switchboard {

supervisor_actor::behavior_type supervisor(supervisor_state::pointer self,
                                           supervisor_options opts,
                                           std::vector<child_spec> children) {
  self->set_down_handler([self](caf::down_msg& msg) {
    self->state.on_down(msg);
  });
  self->set_exit_handler([self](caf::exit_msg& msg) {
    self->state.on_exit(msg);
  });
  self->state.init(std::move(opts), std::move(children));
  return {
      [self](caf::spawn_atom, const child_spec& spec) {
        return self->state.start(spec);
      },
      [self](caf::spawn_atom, const child_batch& batch) {
        return self->state.start(batch);
      },
      [self](stop_atom, const std::string& name) {
        return self->state.stop(name);
      },
      [self](caf::get_atom) {
        return self->state.list({}, std::numeric_limits<uint32_t>::max());
      },
      [self](caf::get_atom, const std::string& after, uint32_t limit) {
        return self->state.list(after, limit);
      },
      [self](caf::get_atom, const std::string& name) {
        return self->state.info(name);
      },
      [self](stats_atom) {
        return self->state.summary();
      },
      [self](shutdown_atom) {
        self->state.shutdown(caf::exit_reason::user_shutdown);
      },
      [self](respawn_atom, const std::string& name, uint64_t generation) {
        self->state.on_respawn(name, generation);
      },
      [self](respawn_atom, uint64_t generation) {
        self->state.on_respawn_all(generation);
      },
      [self](shutdown_atom, caf::ok_atom) {
        self->state.on_window_down();
      },
      [self](shutdown_atom, caf::timeout_atom) {
        self->state.on_deadline();
      },
  };
}

supervisor_actor spawn_supervisor(caf::actor_system& sys,
                                  supervisor_options opts,
                                  std::vector<child_spec> children) {
  return sys.spawn(supervisor, std::move(opts), std::move(children));
}

supervisor_actor spawn_supervisor(caf::local_actor* parent,
                                  supervisor_options opts,
                                  std::vector<child_spec> children) {
  return parent->spawn(supervisor, std::move(opts), std::move(children));
}

child_spec supervisor_child(supervisor_options opts,
                            std::vector<child_spec> children,
                            restart_type restart,
                            std::optional<caf::atom_value> registry_key) {
  auto name = opts.name;
  auto start = [opts, children](caf::local_actor* parent, const std::string&) {
    return caf::actor_cast<caf::actor>(
        spawn_supervisor(parent, opts, children));
  };
  return make_child(std::move(name), "supervisor", std::move(start), restart,
                    registry_key);
}

} // namespace switchboard
