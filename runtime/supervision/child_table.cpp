#include "runtime/supervision/child_table.hpp"

#include <utility>

namespace switchboard {

std::pair<child_table::iterator, bool>
child_table::add(std::string name, child_template_ptr tmpl) {
  // try_emplace leaves `name` alone when the key exists: one lookup only.
  auto result = by_name_.try_emplace(std::move(name));
  if (result.second) {
    result.first->second.tmpl = std::move(tmpl);
    result.first->second.seq = next_seq_++;
  }
  return result;
}

void child_table::attach(iterator it, caf::actor handle) {
  by_id_.emplace(handle.id(), it);
  it->second.handle = std::move(handle);
  it->second.phase = child_phase::running;
}

std::optional<child_table::iterator> child_table::detach(caf::actor_id id) {
  auto i = by_id_.find(id);
  if (i == by_id_.end()) return std::nullopt;
  auto it = i->second;
  by_id_.erase(i);
  it->second.handle = nullptr;
  return it;
}

void child_table::remove(iterator it) {
  auto& rec = it->second;
  if (rec.handle) {
    auto id = rec.handle.id();
    by_id_.erase(id);
    stopping_.emplace(
        id, stopping_child{std::move(rec.tmpl), std::move(rec.handle)});
  }
  by_name_.erase(it);
}

std::optional<stopping_child> child_table::take_stopping(caf::actor_id id) {
  auto i = stopping_.find(id);
  if (i == stopping_.end()) return std::nullopt;
  auto result = std::move(i->second);
  stopping_.erase(i);
  return result;
}

} // namespace switchboard
