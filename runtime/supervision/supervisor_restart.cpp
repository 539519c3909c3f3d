// What happens when a child goes down: restart semantics, backoff timers
// and escalation. See supervisor.hpp for the rules.

#include <algorithm>
#include <spdlog/spdlog.h>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/exit_reason.hpp>

#include "messages/error.hpp"
#include "runtime/supervision/backoff.hpp"
#include "runtime/supervision/supervisor_state.hpp"

namespace switchboard {

namespace {

/// A clean exit is not a failure: the child returned normally (no error) or
/// was asked to shut down.
bool is_clean(const caf::error& reason) {
  return !reason || reason == caf::exit_reason::user_shutdown;
}

bool should_restart(restart_type type, bool clean) {
  switch (type) {
  case restart_type::permanent: return true;
  case restart_type::transient: return !clean;
  case restart_type::temporary: return false;
  }
  return false;
}

} // namespace

void supervisor_state::on_down(const caf::down_msg& msg) {
  auto id = msg.source.id();
  if (stopping_)
    return; // a DOWN from before shutdown(); finish() does the bookkeeping
  if (auto gone = children_.take_stopping(id)) {
    instance_down(*gone->tmpl, id);
    return;
  }
  auto found = children_.detach(id);
  if (!found) return; // not ours, or killed after the deadline
  auto it = *found;
  instance_down(*it->second.tmpl, id);
  switch (it->second.phase) {
  case child_phase::running: went_down(it, msg.reason); return;
  case child_phase::backoff: return; // stopped by us for one_for_all
  case child_phase::due: respawn(it); return;
  }
}

void supervisor_state::went_down(iterator it, const caf::error& reason) {
  auto clean = is_clean(reason);
  if (!should_restart(it->second.tmpl->restart, clean)) {
    children_.remove(it);
    return;
  }
  if (!clean) {
    spdlog::warn("{}: child {} ({}) failed: {}", opts_.name, it->first,
                 it->second.tmpl->kind, self_->system().render(reason));
    failed(it);
    return;
  }
  // A permanent child that stopped cleanly is restarted without counting it
  // as a failure; the base delay keeps a child that stops at once from
  // spinning.
  restart_later(it, 0);
}

void supervisor_state::failed(iterator it) {
  auto& rec = it->second;
  auto now = self_->clock().now();
  if (exceeds_intensity(opts_.intensity, rec.failures, now))
    return escalate(it->first);
  // A failure after a quiet period starts the backoff from its base again.
  if (restarts_within(opts_.intensity, rec.failures, now) == 0)
    rec.consecutive = 0;
  record_restart(opts_.intensity, rec.failures, now);
  restart_later(it, rec.consecutive++);
}

void supervisor_state::restart_later(iterator it, uint32_t attempt) {
  auto wait = delay(opts_.backoff, attempt);
  if (opts_.strategy == restart_strategy::one_for_all)
    return restart_all_later(wait);
  auto& rec = it->second;
  rec.phase = child_phase::backoff;
  rec.generation = ++next_generation_;
  self_->delayed_send(self_, wait, respawn_atom_v, it->first, rec.generation);
}

void supervisor_state::restart_all_later(std::chrono::milliseconds wait) {
  group_generation_ = ++next_generation_;
  auto& records = children_.records();
  for (auto it = records.begin(); it != records.end();) {
    auto current = it++;
    auto& rec = current->second;
    if (rec.handle) tell_exit(rec.handle, caf::exit_reason::user_shutdown);
    if (rec.tmpl->restart == restart_type::temporary) {
      children_.remove(current);
      continue;
    }
    // Per-child timers still pending are stale from now on.
    rec.generation = group_generation_;
    rec.phase = child_phase::backoff;
  }
  self_->delayed_send(self_, wait, respawn_atom_v, group_generation_);
}

void supervisor_state::on_respawn(const std::string& name,
                                  uint64_t generation) {
  auto it = children_.find(name);
  if (stopping_ || it == children_.records().end())
    return; // stale: the child was stopped or the supervisor is stopping
  auto& rec = it->second;
  if (rec.phase != child_phase::backoff || rec.generation != generation)
    return; // stale: superseded by a newer timer
  respawn(it);
}

void supervisor_state::on_respawn_all(uint64_t generation) {
  if (stopping_ || generation != group_generation_) return;
  std::vector<iterator> due;
  for (auto it = children_.records().begin(); it != children_.records().end();
       ++it)
    if (it->second.phase == child_phase::backoff) due.push_back(it);
  std::sort(due.begin(), due.end(), [](iterator x, iterator y) {
    return x->second.seq < y->second.seq;
  });
  for (auto it : due) {
    if (it->second.handle) {
      it->second.phase = child_phase::due; // starts on its DOWN
      continue;
    }
    // A start failure schedules a new group restart: stop here.
    if (!respawn(it) || generation != group_generation_) return;
  }
}

bool supervisor_state::respawn(iterator it) {
  auto& rec = it->second;
  ++rec.restarts;
  ++restarts_;
  metrics_.restarted(rec.tmpl->kind);
  auto started = launch(it);
  if (started) return true;
  spdlog::warn("{}", self_->system().render(started.error()));
  failed(it);
  return false;
}

void supervisor_state::escalate(const std::string& child) {
  auto what = opts_.name + ": child " + child + " restarted "
              + std::to_string(opts_.intensity.max_restarts) + " times in "
              + std::to_string(opts_.intensity.period.count()) + " ms";
  spdlog::error("{}; stopping all children and escalating", what);
  shutdown(caf::make_error(errc::restart_intensity, std::move(what)));
}

} // namespace switchboard
