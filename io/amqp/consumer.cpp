#include "io/amqp/consumer.hpp"

#include <algorithm>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <future>
#include <limits>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <caf/send.hpp>

#include "io/io_runtime.hpp"

namespace switchboard::io::amqp {

namespace net = boost::asio;

namespace {

std::shared_ptr<spdlog::logger> log() {
  if (auto named = spdlog::get("amqp")) return named;
  return spdlog::default_logger();
}

} // namespace

// Everything below runs on the runtime's one thread, except the
// constructor, post() and the consumer's destructor.
struct consumer::impl {
  impl(consumer_options o, caf::actor s)
      : opts(std::move(o)), sink(std::move(s)), heartbeat(runtime.context()) {
    // nop
  }

  template <class F>
  void post(F f) {
    net::post(runtime.context(), std::move(f));
  }

  void connect() {
    if (conn) return;
    ++number;
    try {
      conn = std::make_unique<connection>(opts.broker, opts.heartbeat,
                                          opts.timeout);
      conn->declare(opts.topo);
      conn->set_prefetch(opts.prefetch);
      conn->consume(opts.topo.queue);
      socket.emplace(runtime.context(), ::dup(conn->fd()));
    } catch (const std::exception& e) {
      drop(e.what());
      return;
    }
    caf::anon_send(sink, amqp_connected{number});
    wait_readable();
    arm_heartbeat();
  }

  void wait_readable() {
    socket->async_wait(net::posix::stream_descriptor::wait_read,
                       [this, n = number](boost::system::error_code ec) {
                         if (n != number || !conn || ec) return;
                         read();
                       });
  }

  // Reads what arrived and sends it to the sink; false when the connection
  // failed. The broker sends at most a prefetch window of unacked
  // deliveries, which bounds one read.
  bool forward() {
    std::vector<amqp_delivery> batch;
    try {
      batch = conn->read_available(std::numeric_limits<size_t>::max());
    } catch (const std::exception& e) {
      drop(e.what());
      return false;
    }
    for (auto& x : batch)
      x.connection = number;
    if (!batch.empty()) caf::anon_send(sink, std::move(batch));
    return true;
  }

  void read() {
    if (forward()) wait_readable();
  }

  void arm_heartbeat() {
    if (opts.heartbeat.count() == 0) return;
    heartbeat.expires_after(std::max<std::chrono::milliseconds>(
        opts.heartbeat / 2, std::chrono::seconds{1}));
    heartbeat.async_wait([this, n = number](boost::system::error_code ec) {
      if (ec || n != number || !conn) return;
      // Reading sends the heartbeat when one is due and notices a broker
      // that went silent.
      if (forward()) arm_heartbeat();
    });
  }

  // The connection is unusable: forget it and tell the sink.
  void drop(const std::string& reason) {
    heartbeat.cancel();
    socket.reset();
    conn.reset();
    log()->debug("amqp: connection {} lost: {}", number, reason);
    caf::anon_send(sink, amqp_disconnected{number, reason});
  }

  // Runs `f(conn)` when the connection `n` is still the current one.
  template <class F>
  void on_current(uint64_t n, F f) {
    if (n != number || !conn) return;
    try {
      f(*conn);
    } catch (const std::exception& e) {
      drop(e.what());
    }
  }

  void close() {
    heartbeat.cancel();
    socket.reset();
    conn.reset();
  }

  consumer_options opts;
  caf::actor sink;
  // Declared first: destroyed last, after everything that uses its context.
  io_runtime runtime{1};
  net::steady_timer heartbeat;
  std::unique_ptr<connection> conn;
  std::optional<net::posix::stream_descriptor> socket;
  uint64_t number = 0;
};

consumer::consumer(consumer_options opts, caf::actor sink)
    : impl_(std::make_unique<impl>(std::move(opts), std::move(sink))) {
  // nop
}

consumer::~consumer() {
  // Close on the connection's own thread, then stop it; a connect in
  // progress finishes first (each of its steps is bounded by the timeout).
  std::promise<void> closed;
  auto done = closed.get_future();
  impl_->post([this, &closed] {
    impl_->close();
    closed.set_value();
  });
  done.wait_for(impl_->opts.timeout * 4 + std::chrono::seconds{1});
  impl_->runtime.stop();
}

void consumer::connect() {
  impl_->post([this] {
    impl_->connect();
  });
}

void consumer::ack(uint64_t connection, uint64_t tag, bool multiple) {
  impl_->post([this, connection, tag, multiple] {
    impl_->on_current(connection, [&](amqp::connection& conn) {
      conn.ack(tag, multiple);
    });
  });
}

void consumer::nack(uint64_t connection, uint64_t tag, bool multiple,
                    bool requeue) {
  impl_->post([this, connection, tag, multiple, requeue] {
    impl_->on_current(connection, [&](amqp::connection& conn) {
      conn.nack(tag, multiple, requeue);
    });
  });
}

void consumer::reject(uint64_t connection, uint64_t tag, bool requeue) {
  impl_->post([this, connection, tag, requeue] {
    impl_->on_current(connection, [&](amqp::connection& conn) {
      conn.reject(tag, requeue);
    });
  });
}

} // namespace switchboard::io::amqp
