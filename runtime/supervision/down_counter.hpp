#pragma once

// Waits for a group of actors to terminate without a DOWN message each: every
// watched actor counts down one shared counter as it terminates, and the last
// one sends the supervisor a single (shutdown_atom, ok_atom). A supervisor
// uses it to stop many children without being woken once per child.

#include <atomic>
#include <cstddef>
#include <memory>

#include <caf/actor.hpp>
#include <caf/weak_intrusive_ptr.hpp>

#include "messages/supervision.hpp"

namespace switchboard {

class down_counter {
 public:
  /// Notifies `supervisor` (if still alive) once the count reaches zero.
  explicit down_counter(caf::weak_actor_ptr supervisor);

  /// Counts `actor`; its termination counts down. An actor that has
  /// terminated already counts down at once.
  void watch(const caf::actor& actor);

  /// Ends watching: notifies now if nothing is left to wait for. Call once.
  void release();

 private:
  static void count_down(std::atomic<std::size_t>& pending,
                         const caf::weak_actor_ptr& supervisor);

  /// Starts at 1 so it cannot reach zero before release().
  std::shared_ptr<std::atomic<std::size_t>> pending_;
  caf::weak_actor_ptr supervisor_;
};

} // namespace switchboard
