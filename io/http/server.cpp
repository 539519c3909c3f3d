#include "io/http/server.hpp"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <mutex>
#include <spdlog/spdlog.h>
#include <system_error>

#include "io/http/connection.hpp"
#include "io/http/server_context.hpp"
#include "io/http/session.hpp"

namespace switchboard::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;

/// Accepts connections and starts a session for each. Every use of the
/// acceptor object is under `mtx_`, so stop_accepting() may close it from any
/// thread while an accept is pending and is in effect when it returns.
class server::listener : public std::enable_shared_from_this<listener> {
 public:
  listener(net::io_context& context, std::shared_ptr<server_context> ctx)
      : context_(context), acceptor_(net::make_strand(context)),
        ctx_(std::move(ctx)) {
    // nop
  }

  void open(const std::string& address, uint16_t port) {
    boost::system::error_code ec;
    auto ip = net::ip::make_address(address, ec);
    if (ec)
      throw std::system_error(ec.value(), std::generic_category(),
                              "http: invalid bind address " + address);
    tcp::endpoint endpoint{ip, port};
    std::lock_guard<std::mutex> guard{mtx_};
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      // close() resets its error code: keep the one that names the cause.
      auto cause = ec;
      acceptor_.close(ec);
      throw std::system_error(cause.value(), std::generic_category(),
                              "http: cannot listen on " + address + ":"
                                  + std::to_string(port));
    }
    port_ = acceptor_.local_endpoint().port();
    spdlog::info("http: listening on {}:{}", address, port_.load());
    do_accept_locked();
  }

  void close() {
    std::lock_guard<std::mutex> guard{mtx_};
    boost::system::error_code ignored;
    acceptor_.close(ignored);
  }

  uint16_t port() const noexcept {
    return port_;
  }

 private:
  void do_accept_locked() {
    // Each connection gets its own strand: its handlers never run
    // concurrently, while connections run in parallel on all threads.
    acceptor_.async_accept(
        net::make_strand(context_),
        [self = shared_from_this()](boost::system::error_code ec,
                                    tcp::socket socket) {
          self->on_accept(ec, std::move(socket));
        });
  }

  void on_accept(boost::system::error_code ec, tcp::socket socket) {
    if (!ec)
      start_session(std::move(socket), ctx_);
    else if (ec != net::error::operation_aborted)
      // EMFILE and kin: this connection is lost, the listener is not.
      spdlog::warn("http: accept failed: {}", ec.message());
    std::lock_guard<std::mutex> guard{mtx_};
    if (acceptor_.is_open()) do_accept_locked();
  }

  net::io_context& context_;
  std::mutex mtx_;
  tcp::acceptor acceptor_;
  std::shared_ptr<server_context> ctx_;
  std::atomic<uint16_t> port_{0};
};

namespace {

session_limits limits_of(const http_settings& settings) {
  session_limits limits;
  limits.max_body_bytes = settings.max_body_bytes;
  limits.read_timeout = std::chrono::milliseconds{settings.read_timeout_ms};
  limits.handler_timeout
      = std::chrono::milliseconds{settings.handler_timeout_ms};
  return limits;
}

} // namespace

server::server(net::io_context& context, const http_settings& settings,
               router routes, prometheus::Registry& registry)
    : ctx_(std::make_shared<server_context>(limits_of(settings),
                                            std::move(routes), registry)),
      listener_(std::make_shared<listener>(context, ctx_)),
      bind_(settings.bind), port_(settings.port) {
  // nop
}

server::~server() {
  stop();
}

void server::start() {
  listener_->open(bind_, port_);
}

uint16_t server::port() const noexcept {
  return listener_->port();
}

void server::stop_accepting() {
  listener_->close();
  ctx_->draining = true;
  for (auto& c : ctx_->connections.snapshot())
    c->drain();
}

void server::stop() {
  listener_->close();
  ctx_->draining = true;
  for (auto& c : ctx_->connections.snapshot())
    c->close();
}

std::size_t server::connections() const {
  return ctx_->connections.size();
}

std::size_t server::in_flight() const {
  return ctx_->in_flight;
}

} // namespace switchboard::http
