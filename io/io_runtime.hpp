#pragma once

// The Asio side of the process: one io_context served by its own threads,
// apart from CAF's scheduler (STYLE.md §8). Actors never touch it except by
// posting work onto it or onto a strand of it.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <optional>
#include <thread>
#include <vector>

namespace switchboard::io {

/// Owns an io_context, a work guard that keeps it running while idle, and the
/// threads that run it. Build it before the servers and clients that use its
/// context; destroy it before the actor system (stopping joins the threads).
class io_runtime {
 public:
  /// Starts `threads` threads (at least one) running the context.
  explicit io_runtime(std::size_t threads = 1);

  /// Stops and joins, see stop().
  ~io_runtime();

  io_runtime(const io_runtime&) = delete;
  io_runtime& operator=(const io_runtime&) = delete;

  /// The context that servers, sessions and timers run on.
  boost::asio::io_context& context() noexcept {
    return context_;
  }

  /// How many threads run the context.
  std::size_t thread_count() const noexcept {
    return threads_.size();
  }

  /// Releases the work guard, stops the context and joins every thread.
  /// Pending handlers are abandoned. Idempotent. When called from one of the
  /// runtime's own threads, that thread is detached instead of joined (a
  /// thread cannot join itself).
  void stop();

 private:
  void run_thread();

  boost::asio::io_context context_;
  std::optional<
      boost::asio::executor_work_guard<boost::asio::io_context::executor_type>>
      guard_;
  std::vector<std::thread> threads_;
};

} // namespace switchboard::io
