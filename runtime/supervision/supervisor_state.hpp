#pragma once

// State of a supervisor actor; see supervisor.hpp for what a supervisor
// promises. The behavior is a list of one-line handlers calling these
// methods.
//
//   running ──shutdown_atom / exit_msg / intensity exceeded──▶ stopping
//   stopping ──last child terminated, or the deadline (kills the rest)──▶ quit

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <caf/error.hpp>
#include <caf/exit_reason.hpp>
#include <caf/expected.hpp>
#include <caf/make_message.hpp>
#include <caf/result.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/system_messages.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "messages/supervision.hpp"
#include "runtime/supervision/child_table.hpp"
#include "runtime/supervision/down_counter.hpp"
#include "runtime/supervision/supervisor_metrics.hpp"
#include "runtime/supervision/supervisor_options.hpp"

namespace switchboard {

class supervisor_state {
 public:
  static inline const char* name = "supervisor";

  using pointer = supervisor_actor::stateful_pointer<supervisor_state>;

  explicit supervisor_state(pointer self);

  /// Takes the options and starts `children` in order. If one fails to
  /// start, stops those already started and quits with the error.
  void init(supervisor_options opts, std::vector<child_spec> children);

  // -- requests ---------------------------------------------------------------

  caf::result<caf::actor> start(const child_spec& spec);

  caf::result<uint64_t> start(const child_batch& batch);

  caf::result<caf::ok_atom> stop(const std::string& name);

  std::vector<child_info> list(const std::string& after, uint32_t limit) const;

  caf::result<child_info> info(const std::string& name) const;

  supervisor_summary summary() const;

  // -- events -----------------------------------------------------------------

  void on_down(const caf::down_msg& msg);

  void on_exit(const caf::exit_msg& msg);

  /// The backoff timer of one child fired.
  void on_respawn(const std::string& name, uint64_t generation);

  /// The backoff timer of a one_for_all restart fired.
  void on_respawn_all(uint64_t generation);

  /// The current shutdown window has terminated: tell the next one, or quit.
  void on_window_down();

  /// The shutdown deadline passed: kill what is left and quit.
  void on_deadline();

  /// Stops every child, then quits with `reason`. Idempotent.
  void shutdown(caf::error reason);

 private:
  using iterator = child_table::iterator;

  // -- starting ---------------------------------------------------------------

  /// Why a start from `tmpl` must be refused (stopping, no start function).
  caf::error refuse(const child_template_ptr& tmpl,
                    const std::string& what) const;

  /// Starts one of the children given at spawn time; duplicates are errors.
  caf::error start_initial(const child_spec& spec);

  /// Launches a new record; forgets it if the start fails. `arg`: the
  /// child's batch argument for its template's start_with, if any.
  caf::expected<caf::actor> launch_new(iterator it,
                                       const caf::message* arg = nullptr);

  /// Spawns, monitors, registers and counts a new instance of `it`.
  caf::expected<caf::actor> launch(iterator it,
                                   const caf::message* arg = nullptr);

  /// Restarts `it` now; a start failure counts as a failure.
  bool respawn(iterator it);

  // -- restarting -------------------------------------------------------------

  /// The instance of `it` went down with `reason` while it was running.
  void went_down(iterator it, const caf::error& reason);

  /// `it` failed: escalate, or restart it after its backoff.
  void failed(iterator it);

  /// Restarts `it` (or, one_for_all, everything) after delay(attempt).
  void restart_later(iterator it, uint32_t attempt);

  /// Stops every sibling and restarts all after `delay`.
  void restart_all_later(std::chrono::milliseconds delay);

  /// Quits with errc::restart_intensity naming the child.
  void escalate(const std::string& child);

  // -- helpers ----------------------------------------------------------------

  /// Registry and metrics bookkeeping of an instance that went down.
  void instance_down(const child_template& tmpl, caf::actor_id id);

  void publish(const child_template& tmpl, const caf::actor& handle);

  /// Sends `child` an exit message from this supervisor.
  void tell_exit(const caf::actor& child, caf::exit_reason reason);

  // -- stopping ---------------------------------------------------------------

  /// Tells the next window of `to_stop_` to exit, counted by `counter`, and
  /// releases it.
  void stop_window(down_counter& counter);

  /// Counts `child` with `counter` instead of its DOWN message.
  void watch(down_counter& counter, const caf::actor& child);

  /// Registry and metrics bookkeeping of every child, then quit.
  void finish();

  child_info describe(child_table::const_iterator it) const;

  pointer self_;
  supervisor_options opts_;
  supervisor_metrics metrics_;
  child_table children_;
  /// Source of timer tags; every timer gets a fresh one.
  uint64_t next_generation_ = 0;
  /// Tag of the pending one_for_all timer.
  uint64_t group_generation_ = 0;
  uint64_t restarts_ = 0;
  bool stopping_ = false;
  caf::error exit_reason_;
  /// During shutdown: children not told to exit yet.
  std::vector<caf::actor> to_stop_;
  /// Children whose template says stop_last, told once to_stop_ is done.
  std::vector<caf::actor> to_stop_last_;
};

} // namespace switchboard
