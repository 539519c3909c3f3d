#pragma once

// One keep-alive connection of a host pool (internal to the client), plain
// TCP or TLS: opened once (resolve, connect, handshake), then carrying one
// exchange at a time. Every method runs on the pool's strand, and so does
// every handler.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <memory>

#include "io/http/client/client_url.hpp"
#include "io/http/client/exchange.hpp"

namespace switchboard::http::client {

using pool_strand = boost::asio::strand<boost::asio::io_context::executor_type>;

/// Where a pool's connections go, and whether TLS checks the certificate.
struct pool_target {
  client_url url;
  bool verify_tls = true;
};

class connection : public std::enable_shared_from_this<connection> {
 public:
  using open_handler = std::function<void(caf::error)>;
  using exchange_handler = std::function<void(exchange_outcome)>;

  explicit connection(const pool_strand& strand) : idle_timer(strand) {
  }
  virtual ~connection() = default;

  /// Resolves, connects and (https) handshakes, bounded by `job`'s connect
  /// timeout and total deadline; `done` gets none or a net_* error.
  virtual void open(const exchange& job, open_handler done) = 0;

  /// Sends `job`'s request and reads its response.
  virtual void run(std::shared_ptr<exchange> job, exchange_handler done) = 0;

  /// Whether an idle connection still looks usable: open, and the server
  /// has neither closed it nor sent anything unasked.
  virtual bool alive_while_idle() = 0;

  virtual void close() = 0;

  /// The last response allowed the connection to carry another one.
  bool keep_alive = false;
  /// Runs while the connection is idle in its pool.
  boost::asio::steady_timer idle_timer;
  /// Tells a stale idle timer from the current one.
  uint64_t idle_generation = 0;
};

/// A new, unopened connection to `target`; `tls` is used for https.
std::shared_ptr<connection> make_connection(const pool_strand& strand,
                                            const pool_target& target,
                                            boost::asio::ssl::context& tls);

} // namespace switchboard::http::client
