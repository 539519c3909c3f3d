#pragma once

// The connections of one (scheme, host, port, verification) target
// (internal to the client): at most `max_connections` open, idle ones
// reused most-recent-first and closed after the idle timeout, requests
// beyond the cap waiting FIFO in a bounded queue. All state lives on the
// pool's strand; submit() is the only entry from other threads.

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "io/http/client/connection.hpp"

namespace switchboard::http::client {

/// What every pool of a client shares; kept alive by the pools, so a
/// client may go away while its requests finish.
struct pool_shared {
  explicit pool_shared(boost::asio::ssl::context&& context)
      : tls(std::move(context)) {
  }
  boost::asio::ssl::context tls;
  client_counters counters;
  std::unique_ptr<client_metrics> metrics;
};

struct pool_limits {
  uint32_t max_connections = 8;
  uint32_t max_queue = 1000;
  steady_clock::duration idle_timeout = std::chrono::seconds(30);
};

class host_pool : public std::enable_shared_from_this<host_pool> {
 public:
  host_pool(boost::asio::io_context& context, pool_target target,
            pool_limits limits, std::shared_ptr<pool_shared> shared);

  /// Thread-safe: hands `job` to the pool's strand.
  void submit(std::shared_ptr<exchange> job);

  /// Thread-safe: closes the idle connections.
  void close_idle();

 private:
  using connection_ptr = std::shared_ptr<connection>;
  using job_ptr = std::shared_ptr<exchange>;

  void accept(job_ptr job);
  bool try_start(job_ptr& job);
  void start_fresh(job_ptr job);
  void run_on(connection_ptr conn, job_ptr job, bool reused);
  void on_done(connection_ptr conn, job_ptr job, bool reused,
               exchange_outcome outcome);
  void release(connection_ptr conn);
  void park(connection_ptr conn);
  void drop(connection_ptr conn);
  void enqueue(job_ptr job);
  void on_queue_timeout(const job_ptr& job);
  void pump();

  pool_strand strand_;
  pool_target target_;
  pool_limits limits_;
  std::shared_ptr<pool_shared> shared_;
  client_counters& counters_;
  /// Open connections, busy or idle (or opening).
  uint32_t open_ = 0;
  std::vector<connection_ptr> idle_;
  std::deque<job_ptr> waiting_;
};

} // namespace switchboard::http::client
