#include "persistence/database_pool_state.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/blocking_actor.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>

#include "messages/error.hpp"
#include "persistence/log.hpp"

namespace switchboard::persistence {

namespace {

// Sweeps run at most this often, so a queue of requests expiring one by one
// does not cost a timer each.
constexpr auto min_sweep_delay = std::chrono::milliseconds(5);

} // namespace

database_pool_state::database_pool_state(pool_actor::pointer self)
    : self_(self) {
  // nop
}

database_pool_state::~database_pool_state() {
  // Workers are detached threads: they end only when told to.
  for (auto& slot : workers_)
    if (slot.handle)
      caf::anon_send_exit(slot.handle, caf::exit_reason::user_shutdown);
}

// -- setup --------------------------------------------------------------------

void database_pool_state::start(pool_options opts) {
  opts_ = std::move(opts);
  queue_ = request_queue<pending_request>{opts_.settings.queue_limit};
  if (opts_.metrics) metrics_ = std::make_unique<pool_metrics>(*opts_.metrics);
  workers_.resize(opts_.settings.pool_size);
  for (size_t i = 0; i < workers_.size(); ++i) {
    spawn_worker(i);
    connect(i);
  }
  publish();
}

void database_pool_state::spawn_worker(size_t index) {
  db_connection_options conn_opts{opts_.conninfo, opts_.statements,
                                  opts_.on_connect};
  auto& slot = workers_[index];
  slot.handle = self_->system().spawn<caf::detached>(db_connection,
                                                     std::move(conn_opts));
  self_->monitor(slot.handle);
}

// -- connections --------------------------------------------------------------

void database_pool_state::connect(size_t index) {
  auto& slot = workers_[index];
  slot.status = worker_status::connecting;
  auto epoch = slot.epoch;
  self_->request(slot.handle, caf::infinite, caf::connect_atom_v)
      .then(
          [=](caf::ok_atom) {
            on_connected(index, epoch);
          },
          [=](caf::error& err) {
            on_connect_failed(index, epoch, err);
          });
}

void database_pool_state::on_connected(size_t index, uint64_t epoch) {
  auto& slot = workers_[index];
  if (slot.epoch != epoch) return;
  if (slot.was_connected) {
    ++reconnects_;
    if (metrics_) metrics_->count_reconnect();
    db_log()->info("database connection {} re-established", index);
  }
  slot.was_connected = true;
  slot.failed_attempts = 0;
  slot.status = worker_status::idle;
  dispatch();
  maybe_quit();
  publish();
}

void database_pool_state::on_connect_failed(size_t index, uint64_t epoch,
                                            const caf::error& err) {
  auto& slot = workers_[index];
  if (slot.epoch != epoch) return;
  // The first failure of a streak is news; the retries are not.
  auto level
      = slot.failed_attempts == 0 ? spdlog::level::warn : spdlog::level::debug;
  db_log()->log(level, "database connection {} failed: {}", index, render(err));
  slot.status = worker_status::down;
  schedule_reconnect(index);
  publish();
}

void database_pool_state::mark_down(size_t index) {
  auto& slot = workers_[index];
  db_log()->warn("database connection {} lost; reconnecting", index);
  slot.status = worker_status::down;
  ++slot.epoch;
  schedule_reconnect(index);
}

void database_pool_state::schedule_reconnect(size_t index) {
  if (stopping_) return;
  auto& slot = workers_[index];
  auto delay = opts_.reconnect_delay(++slot.failed_attempts);
  self_->delayed_send(self_, delay, caf::connect_atom_v,
                      static_cast<uint32_t>(index), slot.epoch);
}

void database_pool_state::on_reconnect_timer(uint32_t index, uint64_t epoch) {
  if (index >= workers_.size() || stopping_) return;
  auto& slot = workers_[index];
  if (slot.epoch == epoch && slot.status == worker_status::down) connect(index);
}

void database_pool_state::on_worker_down(const caf::actor_addr& source) {
  for (size_t i = 0; i < workers_.size(); ++i) {
    auto& slot = workers_[i];
    if (slot.handle.address() != source) continue;
    // A worker never lets an exception escape; if it died anyway, its task
    // may have run in part, so the caller learns of it instead of a retry.
    if (slot.current)
      finish(*slot.current,
             caf::make_error(errc::internal, "database worker died"));
    slot.current.reset();
    slot.handle = nullptr;
    slot.status = worker_status::down;
    ++slot.epoch;
    if (stopping_) {
      maybe_quit();
      return;
    }
    db_log()->error("database connection {} worker died; replacing it", i);
    spawn_worker(i);
    connect(i);
    publish();
    return;
  }
}

// -- requests -----------------------------------------------------------------

caf::error database_pool_state::admission_error() {
  caf::error err;
  if (stopping_)
    err = caf::make_error(errc::shutting_down, "database pool is stopping");
  else if (queue_.full())
    err = caf::make_error(errc::db_overloaded, "database queue is full");
  if (err) {
    ++failed_;
    if (metrics_) metrics_->count_request(false);
  }
  return err;
}

void database_pool_state::submit(pending_request req, bool first) {
  auto now = self_->clock().now();
  if (first)
    queue_.push_front(request_entry{std::move(req), now});
  else
    queue_.push_back(std::move(req), now);
  dispatch();
  arm_sweep();
  publish();
}

void database_pool_state::dispatch() {
  for (size_t i = 0; i < workers_.size() && !queue_.empty(); ++i)
    if (workers_[i].status == worker_status::idle)
      run_on(i, queue_.pop_front());
}

void database_pool_state::run_on(size_t index, request_entry entry) {
  auto& slot = workers_[index];
  slot.status = worker_status::busy;
  slot.current = std::move(entry);
  auto epoch = slot.epoch;
  self_
      ->request(slot.handle, caf::infinite, exec_atom_v,
                slot.current->value.task)
      .then(
          [=](db_outcome& outcome) {
            on_outcome(index, epoch, outcome);
          },
          [=](caf::error& err) {
            on_worker_failed(index, epoch, err);
          });
}

void database_pool_state::on_outcome(size_t index, uint64_t epoch,
                                     db_outcome& outcome) {
  auto& slot = workers_[index];
  if (slot.epoch != epoch || !slot.current) return;
  auto entry = std::move(*slot.current);
  slot.current.reset();
  slot.status = worker_status::idle;
  if (outcome.requeue && !stopping_)
    queue_.push_front(std::move(entry));
  else if (outcome.requeue)
    finish(entry,
           caf::make_error(errc::shutting_down, "database pool is stopping"));
  else if (outcome.error)
    finish(entry, std::move(outcome.error));
  else
    finish(entry, std::move(outcome.value));
  if (outcome.connection_lost) mark_down(index);
  dispatch();
  arm_sweep();
  maybe_quit();
  publish();
}

void database_pool_state::on_worker_failed(size_t index, uint64_t epoch,
                                           const caf::error& err) {
  // The worker's DOWN message handles its death; this only logs.
  if (workers_[index].epoch == epoch)
    db_log()->debug("database connection {} did not answer: {}", index,
                    render(err));
}

void database_pool_state::finish(request_entry& entry,
                                 caf::expected<caf::message> result) {
  bool ok = static_cast<bool>(result);
  ++(ok ? served_ : failed_);
  if (metrics_) metrics_->count_request(ok);
  entry.value.answer(std::move(result));
}

// -- deadlines ----------------------------------------------------------------

void database_pool_state::arm_sweep() {
  if (sweep_armed_ || queue_.empty()) return;
  auto deadline = std::chrono::milliseconds(opts_.settings.request_deadline_ms);
  auto due = *queue_.oldest() + deadline;
  auto delay
      = std::max<caf::timespan>(due - self_->clock().now(), min_sweep_delay);
  sweep_armed_ = true;
  self_->delayed_send(self_, delay, caf::timeout_atom_v, ++sweep_generation_);
}

void database_pool_state::on_sweep_timer(uint64_t generation) {
  if (generation != sweep_generation_) return;
  sweep_armed_ = false;
  auto deadline = std::chrono::milliseconds(opts_.settings.request_deadline_ms);
  for (auto& entry : queue_.take_expired(self_->clock().now(), deadline))
    finish(entry, caf::make_error(errc::db_timeout,
                                  "no database connection within deadline",
                                  entry.value.task.label));
  arm_sweep();
  publish();
}

// -- shutdown -----------------------------------------------------------------

void database_pool_state::begin_shutdown(caf::error reason) {
  if (stopping_) return;
  stopping_ = true;
  stop_reason_ = std::move(reason);
  for (auto& entry : queue_.take_all())
    finish(entry,
           caf::make_error(errc::shutting_down, "database pool is stopping"));
  maybe_quit();
  if (count(worker_status::busy) == 0) return;
  // Running tasks get until the request deadline to finish.
  self_->delayed_send(
      self_, std::chrono::milliseconds(opts_.settings.request_deadline_ms),
      stop_atom_v);
  publish();
}

void database_pool_state::on_drain_deadline() {
  for (auto& slot : workers_) {
    if (slot.current)
      finish(*slot.current,
             caf::make_error(errc::shutting_down, "database pool stopped while "
                                                  "the task ran"));
    slot.current.reset();
  }
  self_->quit(stop_reason_);
}

void database_pool_state::maybe_quit() {
  if (stopping_ && count(worker_status::busy) == 0) self_->quit(stop_reason_);
}

// -- observation --------------------------------------------------------------

uint32_t database_pool_state::count(worker_status status) const {
  return static_cast<uint32_t>(std::count_if(workers_.begin(), workers_.end(),
                                             [=](const worker_slot& x) {
                                               return x.status == status;
                                             }));
}

db_pool_stats database_pool_state::stats() const {
  db_pool_stats result;
  result.size = static_cast<uint32_t>(workers_.size());
  result.in_use = count(worker_status::busy);
  result.connected = result.in_use + count(worker_status::idle);
  result.waiting = static_cast<uint32_t>(queue_.size());
  result.reconnects_total = reconnects_;
  result.served_total = served_;
  result.failed_total = failed_;
  return result;
}

void database_pool_state::publish() {
  if (metrics_) metrics_->update(stats());
}

} // namespace switchboard::persistence
