#include "runtime/supervision/down_counter.hpp"

#include <caf/abstract_actor.hpp>
#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

namespace switchboard {

down_counter::down_counter(caf::weak_actor_ptr supervisor)
    : pending_(std::make_shared<std::atomic<std::size_t>>(1)),
      supervisor_(std::move(supervisor)) {
  // nop
}

void down_counter::watch(const caf::actor& actor) {
  pending_->fetch_add(1);
  // The functor runs in the terminating actor's thread: it only touches the
  // atomic and sends a message.
  actor->attach_functor([pending = pending_, supervisor = supervisor_] {
    count_down(*pending, supervisor);
  });
}

void down_counter::release() {
  count_down(*pending_, supervisor_);
}

void down_counter::count_down(std::atomic<std::size_t>& pending,
                              const caf::weak_actor_ptr& supervisor) {
  if (pending.fetch_sub(1) != 1) return;
  auto hdl = caf::actor_cast<supervisor_actor>(
      caf::actor_cast<caf::strong_actor_ptr>(supervisor));
  if (hdl) caf::anon_send(hdl, shutdown_atom_v, caf::ok_atom_v);
}

} // namespace switchboard
