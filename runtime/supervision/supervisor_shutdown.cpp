// Stopping a supervisor: every child is told to exit (children marked
// stop_last only once all others are down) and the supervisor quits once all
// of them have terminated, or kills what is left at the deadline.
//
// Two things keep a million children from taking minutes in CAF 0.17:
// - No DOWN message per child: a million DOWN messages wake the supervisor a
//   million times. Each child gets a functor that counts down a shared
//   counter as it terminates; the last one sends the supervisor one message.
// - Children are told in windows of `window_size`, the next window once the
//   previous one is down. CAF 0.17's work-stealing scheduler steals from the
//   tail of a worker's queue by walking the whole queue under its locks
//   (double_ended_queue::take_tail), so a million runnable actors at once
//   make stealing quadratic; a window bounds the queues.

#include <algorithm>

#include "runtime/supervision/supervisor_state.hpp"

namespace switchboard {

namespace {

/// Children told to exit at once during shutdown.
constexpr std::size_t window_size = 4096;

} // namespace

void supervisor_state::on_exit(const caf::exit_msg& msg) {
  // Like CAF's default: an exit message with a normal reason is ignored.
  if (msg.reason) shutdown(msg.reason);
}

void supervisor_state::shutdown(caf::error reason) {
  if (stopping_) return;
  stopping_ = true;
  exit_reason_ = std::move(reason);
  to_stop_.reserve(children_.running());
  for (auto& [name, rec] : children_.records())
    if (rec.handle)
      (rec.tmpl->stop_last ? to_stop_last_ : to_stop_).push_back(rec.handle);
  if (to_stop_.empty()) to_stop_.swap(to_stop_last_);
  down_counter counter{caf::weak_actor_ptr{self_->ctrl()}};
  // Children stopped by name were told already: the first window waits for
  // them too.
  for (auto& [id, child] : children_.stopping())
    watch(counter, child.handle);
  auto waiting = !children_.stopping().empty() || !to_stop_.empty();
  stop_window(counter);
  if (waiting)
    self_->delayed_send(self_, opts_.shutdown_deadline, shutdown_atom_v,
                        caf::timeout_atom_v);
}

void supervisor_state::stop_window(down_counter& counter) {
  auto n = std::min(window_size, to_stop_.size());
  for (auto i = to_stop_.end() - n; i != to_stop_.end(); ++i) {
    watch(counter, *i);
    tell_exit(*i, caf::exit_reason::user_shutdown);
  }
  to_stop_.resize(to_stop_.size() - n);
  counter.release();
}

void supervisor_state::watch(down_counter& counter, const caf::actor& child) {
  // From here on, the counter replaces this child's DOWN message.
  self_->demonitor(child);
  counter.watch(child);
}

void supervisor_state::on_window_down() {
  if (!stopping_) return;
  if (to_stop_.empty()) {
    if (to_stop_last_.empty()) return finish();
    to_stop_.swap(to_stop_last_);
  }
  down_counter counter{caf::weak_actor_ptr{self_->ctrl()}};
  stop_window(counter);
}

void supervisor_state::on_deadline() {
  if (!stopping_) return;
  for (auto& [name, rec] : children_.records())
    if (rec.handle) tell_exit(rec.handle, caf::exit_reason::kill);
  for (auto& [id, child] : children_.stopping())
    tell_exit(child.handle, caf::exit_reason::kill);
  finish();
}

void supervisor_state::finish() {
  for (auto& [name, rec] : children_.records())
    if (rec.handle) instance_down(*rec.tmpl, rec.handle.id());
  for (auto& [id, child] : children_.stopping())
    instance_down(*child.tmpl, id);
  self_->quit(exit_reason_);
}

} // namespace switchboard
