#include "io/http/client/connection.hpp"

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <cctype>
#include <cerrno>
#include <optional>
#include <sys/socket.h>

#include "io/http/client/error_mapping.hpp"
#include "io/http/client/tls_setup.hpp"

namespace switchboard::http::client {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

/// Response headers larger than this are a too-large response.
constexpr uint32_t header_limit = 64 * 1024;

std::string lower(beast::string_view text) {
  std::string result{text};
  std::transform(result.begin(), result.end(), result.begin(),
                 [](unsigned char c) {
                   return std::tolower(c);
                 });
  return result;
}

http_response to_response(http::response<http::string_body>&& msg) {
  http_response result;
  result.status = static_cast<int32_t>(msg.result_int());
  for (auto& field : msg)
    result.headers.push_back(
        {lower(field.name_string()), std::string{field.value()}});
  result.body = std::move(msg.body());
  return result;
}

template <class Stream>
class connection_impl : public connection {
 public:
  template <class... StreamArgs>
  connection_impl(const pool_strand& strand, const pool_target& target,
                  StreamArgs&&... stream_args)
      : connection(strand), target_(target), resolver_(strand),
        resolve_timer_(strand),
        stream_(strand, std::forward<StreamArgs>(stream_args)...) {
  }

  void open(const exchange& job, open_handler done) override {
    open_done_ = std::move(done);
    arm(job.connect_timeout, job.total_deadline);
    resolve_timer_.expires_at(deadline_);
    resolve_timer_.async_wait([self = me()](beast::error_code ec) {
      if (ec) return;
      self->resolve_timed_out_ = true;
      self->resolver_.cancel();
    });
    resolver_.async_resolve(
        target_.url.host, std::to_string(target_.url.port),
        [self = me()](beast::error_code ec, tcp::resolver::results_type found) {
          self->on_resolve(ec, std::move(found));
        });
  }

  void run(std::shared_ptr<exchange> job, exchange_handler done) override {
    job_ = std::move(job);
    run_done_ = std::move(done);
    outcome_ = exchange_outcome{};
    keep_alive = false;
    arm(job_->read_timeout, job_->total_deadline);
    http::async_write(stream_, job_->request,
                      [self = me()](beast::error_code ec, std::size_t) {
                        self->on_write(ec);
                      });
  }

  bool alive_while_idle() override {
    auto& socket = lowest().socket();
    if (buffer_.size() > 0 || !socket.is_open()) return false;
    char byte;
    auto n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }

  void close() override {
    beast::error_code ignored;
    idle_timer.cancel();
    resolve_timer_.cancel();
    resolver_.cancel();
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().close();
  }

 private:
  std::shared_ptr<connection_impl> me() {
    return std::static_pointer_cast<connection_impl>(shared_from_this());
  }

  beast::tcp_stream& lowest() {
    return beast::get_lowest_layer(stream_);
  }

  // The sooner of the phase's own timeout and the request's total deadline
  // bounds the next operations; which one it was decides the error.
  void arm(steady_clock::duration phase, steady_clock::time_point total) {
    auto phase_deadline = steady_clock::now() + phase;
    total_armed_ = total < phase_deadline;
    deadline_ = std::min(phase_deadline, total);
    lowest().expires_at(deadline_);
  }

  void on_resolve(beast::error_code ec, tcp::resolver::results_type found) {
    resolve_timer_.cancel();
    if (resolve_timed_out_) ec = beast::error::timeout;
    if (ec) return fail_open(ec, client_phase::resolve);
    lowest().async_connect(
        found, [self = me()](beast::error_code ec, const tcp::endpoint&) {
          self->on_connect(ec);
        });
  }

  void on_connect(beast::error_code ec) {
    if (ec) return fail_open(ec, client_phase::connect);
    beast::error_code ignored;
    lowest().socket().set_option(tcp::no_delay(true), ignored);
    if constexpr (std::is_same_v<Stream, tls_stream>) {
      if (auto err = prepare_tls(stream_.native_handle(), target_.url.host,
                                 target_.verify_tls))
        return finish_open(std::move(err));
      stream_.async_handshake(asio::ssl::stream_base::client,
                              [self = me()](beast::error_code ec) {
                                self->on_handshake(ec);
                              });
    } else {
      finish_open({});
    }
  }

  void on_handshake(beast::error_code ec) {
    if constexpr (std::is_same_v<Stream, tls_stream>) {
      if (ec && target_.verify_tls)
        if (auto err
            = verify_failure(stream_.native_handle(), target_.url.origin()))
          return finish_open(std::move(err));
    }
    if (ec) return fail_open(ec, client_phase::handshake);
    finish_open({});
  }

  void fail_open(beast::error_code ec, client_phase phase) {
    auto code = classify_network_error(ec, phase, total_armed_);
    finish_open(caf::make_error(code, target_.url.origin()));
  }

  void finish_open(caf::error err) {
    auto done = std::move(open_done_);
    open_done_ = nullptr;
    if (done) done(std::move(err));
  }

  void on_write(beast::error_code ec) {
    if (ec) return fail_run(ec, client_phase::write);
    outcome_.request_sent = true;
    parser_.emplace();
    parser_->body_limit(job_->max_response_bytes);
    parser_->header_limit(header_limit);
    if (job_->head) parser_->skip(true);
    read_some();
  }

  void read_some() {
    arm(job_->read_timeout, job_->total_deadline);
    http::async_read_some(stream_, buffer_, *parser_,
                          [self = me()](beast::error_code ec, std::size_t n) {
                            self->on_read(ec, n);
                          });
  }

  void on_read(beast::error_code ec, std::size_t n) {
    if (n > 0 || parser_->got_some()) outcome_.response_started = true;
    if (ec) return fail_run(ec, client_phase::read);
    if (!parser_->is_done()) return read_some();
    lowest().expires_never();
    auto msg = parser_->release();
    keep_alive = msg.keep_alive() && buffer_.size() == 0;
    outcome_.response = to_response(std::move(msg));
    parser_.reset();
    finish_run();
  }

  void fail_run(beast::error_code ec, client_phase phase) {
    auto code = classify_network_error(ec, phase, total_armed_);
    outcome_.error = caf::make_error(code, target_.url.origin());
    keep_alive = false;
    finish_run();
  }

  void finish_run() {
    auto done = std::move(run_done_);
    run_done_ = nullptr;
    job_.reset();
    if (done) done(std::move(outcome_));
  }

  pool_target target_;
  tcp::resolver resolver_;
  asio::steady_timer resolve_timer_;
  bool resolve_timed_out_ = false;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::response_parser<http::string_body>> parser_;
  steady_clock::time_point deadline_;
  bool total_armed_ = false;
  open_handler open_done_;
  std::shared_ptr<exchange> job_;
  exchange_handler run_done_;
  exchange_outcome outcome_;
};

} // namespace

std::shared_ptr<connection> make_connection(const pool_strand& strand,
                                            const pool_target& target,
                                            asio::ssl::context& tls) {
  if (target.url.tls)
    return std::make_shared<connection_impl<tls_stream>>(strand, target, tls);
  return std::make_shared<connection_impl<plain_stream>>(strand, target);
}

} // namespace switchboard::http::client
