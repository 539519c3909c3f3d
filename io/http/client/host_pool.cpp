#include "io/http/client/host_pool.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "io/http/client/error_mapping.hpp"

namespace switchboard::http::client {

namespace asio = boost::asio;

host_pool::host_pool(asio::io_context& context, pool_target target,
                     pool_limits limits, std::shared_ptr<pool_shared> shared)
    : strand_(asio::make_strand(context)), target_(std::move(target)),
      limits_(limits), shared_(std::move(shared)),
      counters_(shared_->counters) {
}

void host_pool::submit(job_ptr job) {
  asio::post(strand_, [self = shared_from_this(), job = std::move(job)] {
    self->accept(job);
  });
}

void host_pool::close_idle() {
  asio::post(strand_, [self = shared_from_this()] {
    auto idle = std::move(self->idle_);
    self->idle_.clear();
    for (auto& conn : idle)
      self->drop(conn);
    self->pump();
  });
}

// FIFO: a new request never overtakes one already waiting.
void host_pool::accept(job_ptr job) {
  if (waiting_.empty() && try_start(job)) return;
  if (waiting_.size() >= limits_.max_queue)
    return job->finish(caf::make_error(errc::net_queue_full, job->origin));
  enqueue(std::move(job));
}

bool host_pool::try_start(job_ptr& job) {
  while (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    ++conn->idle_generation;
    conn->idle_timer.cancel();
    if (conn->alive_while_idle()) {
      run_on(std::move(conn), std::move(job), true);
      return true;
    }
    drop(conn);
  }
  if (open_ >= limits_.max_connections) return false;
  start_fresh(std::move(job));
  return true;
}

void host_pool::start_fresh(job_ptr job) {
  ++open_;
  counters_.connections_opened.fetch_add(1, std::memory_order_relaxed);
  auto conn = make_connection(strand_, target_, shared_->tls);
  auto& ref = *job;
  conn->open(ref, [self = shared_from_this(), conn,
                   job = std::move(job)](caf::error err) mutable {
    if (!err) return self->run_on(std::move(conn), std::move(job), false);
    self->drop(conn);
    job->finish(std::move(err));
    self->pump();
  });
}

void host_pool::run_on(connection_ptr conn, job_ptr job, bool reused) {
  if (reused) counters_.reused.fetch_add(1, std::memory_order_relaxed);
  conn->run(job, [self = shared_from_this(), conn, job,
                  reused](exchange_outcome outcome) mutable {
    self->on_done(std::move(conn), std::move(job), reused, std::move(outcome));
  });
}

void host_pool::on_done(connection_ptr conn, job_ptr job, bool reused,
                        exchange_outcome outcome) {
  if (!outcome.error) {
    outcome.response.reused_connection = reused;
    job->finish(std::move(outcome.response));
    return release(std::move(conn));
  }
  drop(conn);
  auto code = static_cast<errc>(outcome.error.code());
  if (reused && !job->retried
      && may_retry_on_fresh_connection(code, outcome.request_sent,
                                       outcome.response_started,
                                       job->idempotent)) {
    job->retried = true;
    counters_.retried.fetch_add(1, std::memory_order_relaxed);
    return start_fresh(std::move(job));
  }
  job->finish(std::move(outcome.error));
  pump();
}

void host_pool::release(connection_ptr conn) {
  if (!conn->keep_alive) {
    drop(conn);
    return pump();
  }
  if (waiting_.empty()) return park(std::move(conn));
  auto job = std::move(waiting_.front());
  waiting_.pop_front();
  job->queued = false;
  job->queue_timer->cancel();
  run_on(std::move(conn), std::move(job), true);
}

void host_pool::park(connection_ptr conn) {
  auto generation = ++conn->idle_generation;
  conn->idle_timer.expires_after(limits_.idle_timeout);
  conn->idle_timer.async_wait([self = shared_from_this(),
                               weak = std::weak_ptr{conn},
                               generation](boost::system::error_code ec) {
    auto conn = weak.lock();
    if (ec || !conn || conn->idle_generation != generation) return;
    auto i = std::find(self->idle_.begin(), self->idle_.end(), conn);
    if (i == self->idle_.end()) return;
    self->idle_.erase(i);
    self->drop(conn);
  });
  idle_.push_back(std::move(conn));
}

void host_pool::drop(connection_ptr conn) {
  conn->close();
  --open_;
}

void host_pool::enqueue(job_ptr job) {
  job->queued = true;
  job->queue_timer = std::make_unique<asio::steady_timer>(strand_);
  job->queue_timer->expires_at(job->total_deadline);
  job->queue_timer->async_wait(
      [self = shared_from_this(), job](boost::system::error_code ec) {
        if (!ec) self->on_queue_timeout(job);
      });
  waiting_.push_back(std::move(job));
}

void host_pool::on_queue_timeout(const job_ptr& job) {
  if (!job->queued) return;
  auto i = std::find(waiting_.begin(), waiting_.end(), job);
  if (i != waiting_.end()) waiting_.erase(i);
  job->queued = false;
  job->finish(caf::make_error(errc::net_total_timeout, job->origin));
}

// Starts waiting requests while a connection is free or may be opened.
void host_pool::pump() {
  while (!waiting_.empty()) {
    if (idle_.empty() && open_ >= limits_.max_connections) return;
    auto job = std::move(waiting_.front());
    waiting_.pop_front();
    auto* timer = job->queue_timer.get();
    job->queued = false;
    if (try_start(job)) {
      timer->cancel();
      continue;
    }
    // Not reached today (dropping stale idle connections frees room), but a
    // request must never be lost: it waits on.
    job->queued = true;
    waiting_.push_front(std::move(job));
    return;
  }
}

} // namespace switchboard::http::client
