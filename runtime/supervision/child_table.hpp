#pragma once

// A supervisor's bookkeeping of its children: ordered by name (O(log n)
// lookups, paged listing) and indexed by actor id (O(1) on DOWN). Records are
// kept small because one supervisor may hold a million children; what is the
// same for many children lives once in their shared template.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include <caf/actor.hpp>

#include "messages/supervision.hpp"
#include "runtime/supervision/restart_intensity.hpp"

namespace switchboard {

/// Where a child is in its life cycle.
enum class child_phase : uint8_t {
  /// Its current instance is alive.
  running,
  /// Waiting for its restart timer.
  backoff,
  /// The restart is due, but its old instance has not gone down yet (a
  /// one_for_all sibling that is still stopping): start it on DOWN.
  due,
};

/// One child: about 72 bytes plus its name.
struct child_record {
  child_template_ptr tmpl;
  /// The current instance; invalid unless running (or due).
  caf::actor handle;
  /// Recent failure instants, at most max_restarts of them.
  restart_history failures;
  /// Tag of the pending restart timer; older timers are stale.
  uint64_t generation = 0;
  /// Start order, for one_for_all restarts.
  uint32_t seq = 0;
  /// Restarts since the child was first started.
  uint32_t restarts = 0;
  /// Failures in a row: the backoff attempt of the next restart.
  uint32_t consecutive = 0;
  child_phase phase = child_phase::backoff;
};

/// A child stopped by name whose DOWN has not arrived yet. Its name is free.
struct stopping_child {
  child_template_ptr tmpl;
  caf::actor handle;
};

class child_table {
 public:
  using map_type = std::map<std::string, child_record>;
  using iterator = map_type::iterator;
  using const_iterator = map_type::const_iterator;

  /// A new record in phase backoff, without an instance; or the existing
  /// record of that name (second = false), left as it is.
  std::pair<iterator, bool> add(std::string name, child_template_ptr tmpl);

  /// Sets the record's live instance and indexes it by actor id.
  void attach(iterator it, caf::actor handle);

  /// Finds the record whose live instance is `id` and clears its handle.
  std::optional<iterator> detach(caf::actor_id id);

  /// Forgets a record; a live instance moves to the stopping set.
  void remove(iterator it);

  /// Takes a stopped-by-name child out of the stopping set, if it is one.
  std::optional<stopping_child> take_stopping(caf::actor_id id);

  iterator find(const std::string& name) {
    return by_name_.find(name);
  }

  const_iterator find(const std::string& name) const {
    return by_name_.find(name);
  }

  map_type& records() {
    return by_name_;
  }

  const map_type& records() const {
    return by_name_;
  }

  const std::unordered_map<caf::actor_id, stopping_child>& stopping() const {
    return stopping_;
  }

  /// Records whose instance is alive.
  std::size_t running() const {
    return by_id_.size();
  }

  /// Live instances: running children plus children stopped by name.
  std::size_t alive() const {
    return by_id_.size() + stopping_.size();
  }

 private:
  map_type by_name_;
  std::unordered_map<caf::actor_id, iterator> by_id_;
  std::unordered_map<caf::actor_id, stopping_child> stopping_;
  uint32_t next_seq_ = 0;
};

} // namespace switchboard
