#pragma once

// Internal to the database pool: its private interface and its state. The
// state holds every decision (admission, dispatch, requeue, reconnect,
// deadlines, shutdown); the behavior in database_pool.cpp only routes
// messages here.
//
// Worker life cycle (per slot):
//
//   connecting --ok--> idle <--outcome-- busy
//       ^  |            |                 |
//       |  +--failed--> down <--lost------+
//       |                |
//       +--timer(epoch)--+
//
// Every timer carries a generation: the slot's epoch for reconnects, the
// sweep generation for deadlines. A timer whose generation is stale is
// ignored (CAF 0.17 cannot cancel timers).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include <caf/actor.hpp>
#include <caf/error.hpp>
#include <caf/expected.hpp>
#include <caf/message.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "messages/atoms.hpp"
#include "messages/database.hpp"
#include "persistence/database_pool.hpp"
#include "persistence/pool_metrics.hpp"
#include "persistence/request_queue.hpp"

namespace switchboard::persistence {

/// The pool's full interface: the public one plus its own timers.
// clang-format off
using pool_actor = database_actor::extend<
  /// Reconnect timer: (worker index, slot epoch).
  caf::reacts_to<caf::connect_atom, uint32_t, uint64_t>,
  /// Deadline sweep timer: (sweep generation).
  caf::reacts_to<caf::timeout_atom, uint64_t>,
  /// Shutdown drain deadline: stop waiting for running tasks.
  caf::reacts_to<stop_atom>>;
// clang-format on

/// A request and how to answer its caller.
struct pending_request {
  db_task task;
  std::function<void(caf::expected<caf::message>)> answer;
};

using request_entry = request_queue<pending_request>::entry;

enum class worker_status { connecting, idle, busy, down };

struct worker_slot {
  caf::actor handle;
  worker_status status = worker_status::connecting;
  /// The request this worker runs while busy.
  std::optional<request_entry> current;
  /// Bumped when the slot goes down or its worker is replaced; replies and
  /// timers from an older epoch are ignored.
  uint64_t epoch = 0;
  /// Failed connection attempts since the slot was last up.
  uint32_t failed_attempts = 0;
  /// Whether this slot was ever up (a later connect is a reconnect).
  bool was_connected = false;
};

struct database_pool_state {
  explicit database_pool_state(pool_actor::pointer self);

  ~database_pool_state();

  // -- setup ------------------------------------------------------------------

  void start(pool_options opts);

  // -- requests ---------------------------------------------------------------

  /// Why a new request is refused right now, if it is.
  caf::error admission_error();

  /// Queues a request at the tail, or at the head past the limit when
  /// `first` (pings measure the database, not the queue), and dispatches.
  void submit(pending_request req, bool first = false);

  db_pool_stats stats() const;

  bool stopping() const {
    return stopping_;
  }

  // -- events -----------------------------------------------------------------

  void on_reconnect_timer(uint32_t index, uint64_t epoch);

  void on_sweep_timer(uint64_t generation);

  void on_worker_down(const caf::actor_addr& source);

  void begin_shutdown(caf::error reason);

  void on_drain_deadline();

  // -- constants --------------------------------------------------------------

  static inline const char* name = "database";

 private:
  void spawn_worker(size_t index);
  void connect(size_t index);
  void on_connected(size_t index, uint64_t epoch);
  void on_connect_failed(size_t index, uint64_t epoch, const caf::error& err);
  void mark_down(size_t index);
  void schedule_reconnect(size_t index);
  void dispatch();
  void run_on(size_t index, request_entry entry);
  void on_outcome(size_t index, uint64_t epoch, db_outcome& outcome);
  void on_worker_failed(size_t index, uint64_t epoch, const caf::error& err);
  void finish(request_entry& entry, caf::expected<caf::message> result);
  void arm_sweep();
  void maybe_quit();
  void publish();
  uint32_t count(worker_status status) const;

  pool_actor::pointer self_;
  pool_options opts_;
  request_queue<pending_request> queue_{0};
  std::vector<worker_slot> workers_;
  uint64_t sweep_generation_ = 0;
  bool sweep_armed_ = false;
  bool stopping_ = false;
  caf::error stop_reason_;
  uint64_t reconnects_ = 0;
  uint64_t served_ = 0;
  uint64_t failed_ = 0;
  std::unique_ptr<pool_metrics> metrics_;
};

} // namespace switchboard::persistence
