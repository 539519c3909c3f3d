#include "io/http/session.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <chrono>
#include <exception>
#include <optional>
#include <spdlog/spdlog.h>
#include <string>

#include "io/http/connection.hpp"
#include "io/http/url.hpp"

namespace switchboard::http {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using clock_type = std::chrono::steady_clock;

/// The metrics label of answers given before any route was looked up.
constexpr const char* no_route = "none";

/// Largest accepted request head; larger is answered 431.
constexpr std::uint32_t header_limit = 16 * 1024;

std::string to_lower(std::string_view text) {
  std::string out{text};
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

std::string peer_of(const tcp::socket& socket) {
  boost::system::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  if (ec) return "unknown";
  return ep.address().to_string() + ":" + std::to_string(ep.port());
}

/// Copies a parsed Beast request into the plain value handlers see.
request to_request(bhttp::request<bhttp::string_body>&& msg,
                   const std::string& remote) {
  request req;
  req.method = std::string{std::string_view{msg.method_string()}};
  req.target = std::string{std::string_view{msg.target()}};
  req.path = std::string{target_path(req.target)};
  req.query = parse_query(req.target);
  for (auto& field : msg) {
    auto name = to_lower(std::string_view{field.name_string()});
    auto value = std::string{std::string_view{field.value()}};
    auto [pos, added] = req.headers.emplace(name, value);
    if (!added) pos->second += ", " + value;
  }
  req.body = std::move(msg.body());
  req.remote_address = remote;
  return req;
}

/// Errors of the request parser that mean "the client sent a bad request"
/// (as opposed to "the connection ended").
bool is_parse_error(const beast::error_code& ec) {
  return ec.category()
             == bhttp::make_error_code(bhttp::error::bad_target).category()
         && ec != bhttp::error::end_of_stream
         && ec != bhttp::error::partial_message;
}

// Reading and writing, per request:
//
//   do_read ─▶ on_read_header [─▶ 100 Continue ─▶ on_continue] ─▶ on_read
//      ▲                                                           │
//      │            400/408/413/431: answer unrouted, then close ◀─┤
//      │                                                           ▼
//      │     on_response ◀──(responder, from any thread)─── handle (router)
//      │         │
//      └─ on_write ◀─ do_write;  not keep-alive: do_linger ─▶ do_close
//
// A read deadline timer (not the stream's expires_after, which closes the
// socket on expiry) bounds each read, so that a half-sent request can still
// be answered 408. A handler deadline timer answers 503 through the same
// responder as the handler, whose first call wins. Every handler runs on
// the connection's strand; nothing here throws into Asio.
class session : public connection,
                public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket&& socket, std::shared_ptr<server_context> ctx)
      : stream_(std::move(socket)), executor_(stream_.get_executor()),
        read_deadline_(executor_), handler_deadline_(executor_),
        ctx_(std::move(ctx)), remote_(peer_of(stream_.socket())) {
    // nop
  }

  ~session() override {
    ctx_->connections.remove(this);
  }

  void run() {
    ctx_->connections.add(shared_from_this());
    net::dispatch(executor_, beast::bind_front_handler(&session::do_read,
                                                       shared_from_this()));
  }

  void drain() override {
    net::post(executor_, [self = shared_from_this()] {
      self->on_drain();
    });
  }

  void close() override {
    net::post(executor_, [self = shared_from_this()] {
      self->do_close();
    });
  }

 private:
  // -- reading ----------------------------------------------------------------

  void do_read() {
    if (closed_) return;
    if (ctx_->draining) return do_close();
    parser_.emplace();
    parser_->body_limit(ctx_->limits.max_body_bytes);
    parser_->header_limit(header_limit);
    reading_ = true;
    read_timed_out_ = false;
    read_deadline_.expires_after(ctx_->limits.read_timeout);
    read_deadline_.async_wait(beast::bind_front_handler(
        &session::on_read_deadline, shared_from_this(), ++read_seq_));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&session::on_read_header,
                                                       shared_from_this()));
  }

  void on_read_header(beast::error_code ec, std::size_t bytes) {
    if (ec || closed_) return on_read(ec, bytes);
    if (parser_->is_done() || !expects_continue()) return do_read_body();
    // The client waits for a go-ahead before sending the body (curl does for
    // large ones); give it only now that the head passed its checks, so an
    // oversized body is refused before it is sent.
    static constexpr std::string_view go_ahead
        = "HTTP/1.1 100 Continue\r\n\r\n";
    net::async_write(
        stream_, net::buffer(go_ahead.data(), go_ahead.size()),
        beast::bind_front_handler(&session::on_continue, shared_from_this()));
  }

  void on_continue(beast::error_code ec, std::size_t bytes) {
    if (ec || closed_) return on_read(ec, bytes);
    do_read_body();
  }

  void do_read_body() {
    bhttp::async_read(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&session::on_read, shared_from_this()));
  }

  bool expects_continue() const {
    auto& msg = parser_->get();
    auto expect = std::string_view{msg[bhttp::field::expect]};
    return msg.version() >= 11 && to_lower(expect) == "100-continue";
  }

  void on_read_deadline(std::uint64_t seq, beast::error_code ec) {
    if (ec || closed_ || !reading_ || seq != read_seq_) return;
    // Cancelling (rather than closing) lets on_read answer 408.
    read_timed_out_ = true;
    beast::error_code ignored;
    stream_.socket().cancel(ignored);
  }

  void on_read(beast::error_code ec, std::size_t) {
    reading_ = false;
    read_deadline_.cancel();
    if (closed_) return;
    // A read that completed just as the deadline fired is still served.
    if (read_timed_out_ && ec) {
      if (!partial()) return do_close();
      return answer_unrouted(
          error(408, "request_timeout", "the request did not arrive in time"));
    }
    if (ec == bhttp::error::body_limit)
      return answer_unrouted(
          error(413, "payload_too_large",
                "the request body exceeds "
                    + std::to_string(ctx_->limits.max_body_bytes) + " bytes"));
    if (ec == bhttp::error::header_limit)
      return answer_unrouted(
          error(431, "headers_too_large", "the request head is too large"));
    if (is_parse_error(ec))
      return answer_unrouted(
          error(400, "bad_request", "malformed HTTP request"));
    if (ec) return do_close(); // end of stream, reset, or closed by the server
    handle();
  }

  /// Whether any byte of the next request arrived.
  bool partial() const {
    return buffer_.size() > 0 || (parser_ && parser_->got_some());
  }

  // -- handling ---------------------------------------------------------------

  void handle() {
    auto& msg = parser_->get();
    version_ = msg.version();
    keep_alive_ = msg.keep_alive();
    auto req = to_request(parser_->release(), remote_);
    method_ = req.method;
    path_ = req.path;
    route_ = no_route;
    started_ = clock_type::now();
    handling_ = true;
    ++ctx_->in_flight;
    auto seq = ++request_seq_;
    responder_ = make_responder(seq);
    handler_deadline_.expires_after(ctx_->limits.handler_timeout);
    handler_deadline_.async_wait(beast::bind_front_handler(
        &session::on_handler_deadline, shared_from_this(), seq));
    try {
      route_ = ctx_->routes.dispatch(std::move(req), responder_);
    } catch (const std::exception& e) {
      // The router catches handler exceptions; this is bad_alloc and kin.
      spdlog::error("http: dispatch failed: {}", e.what());
      responder_(error(500, "internal", "internal server error"));
    }
  }

  /// A responder whose answer is posted back onto this strand. It holds the
  /// session weakly: an answer for a connection that is gone is dropped.
  responder make_responder(std::uint64_t seq) {
    std::weak_ptr<session> weak = shared_from_this();
    auto executor = executor_;
    return responder{[weak, executor, seq](response r) {
      if (auto self = weak.lock())
        net::post(executor, [self, seq, r = std::move(r)]() mutable {
          self->on_response(seq, std::move(r));
        });
    }};
  }

  void on_handler_deadline(std::uint64_t seq, beast::error_code ec) {
    if (ec || !handling_ || seq != request_seq_) return;
    responder_(error(503, "timeout",
                     "the request took longer than "
                         + std::to_string(ctx_->limits.handler_timeout.count())
                         + " ms"));
  }

  void on_response(std::uint64_t seq, response r) {
    if (closed_ || !handling_ || seq != request_seq_) return;
    finish_handling();
    if (r.abort_connection) return do_abort();
    if (r.status < 100 || r.status > 999) {
      spdlog::error("http: route {} answered status {}", route_, r.status);
      r = error(500, "internal", "internal server error");
    }
    record(r.status);
    do_write(std::move(r),
             keep_alive_ && !close_after_response_ && !ctx_->draining);
  }

  void finish_handling() {
    handling_ = false;
    --ctx_->in_flight;
    handler_deadline_.cancel();
    responder_ = responder{};
  }

  /// Answers a request the router never saw, and closes afterwards.
  void answer_unrouted(response r) {
    version_ = 11;
    method_
        = parser_ && parser_->is_header_done()
              ? std::string{std::string_view{parser_->get().method_string()}}
              : std::string{no_route};
    path_.clear();
    route_ = no_route;
    started_ = clock_type::now();
    record(r.status);
    do_write(std::move(r), false);
  }

  void record(int status) {
    auto seconds
        = std::chrono::duration<double>(clock_type::now() - started_).count();
    ctx_->metrics.record(route_, method_, status, seconds);
    // Never the query, the headers or the body: they may carry secrets.
    if (status >= 500)
      spdlog::error("http: {} {} -> {} in {:.1f} ms (route {}, peer {})",
                    method_, path_, status, seconds * 1000, route_, remote_);
    else
      spdlog::debug("http: {} {} -> {} in {:.1f} ms (route {}, peer {})",
                    method_, path_, status, seconds * 1000, route_, remote_);
  }

  // -- writing ----------------------------------------------------------------

  void do_write(response r, bool keep_alive) {
    res_ = {};
    res_.version(version_);
    res_.result(static_cast<unsigned>(r.status));
    res_.set(bhttp::field::server, "switchboard");
    res_.set(bhttp::field::content_type, r.content_type);
    for (auto& [name, value] : r.headers)
      res_.insert(name, value);
    res_.body() = std::move(r.body);
    res_.keep_alive(keep_alive);
    res_.prepare_payload();
    // A client that stops reading must not hold the connection forever.
    stream_.expires_after(ctx_->limits.read_timeout);
    bhttp::async_write(stream_, res_,
                       beast::bind_front_handler(
                           &session::on_write, shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    stream_.expires_never();
    if (ec || closed_) return do_close();
    if (!keep_alive) return do_linger();
    do_read();
  }

  // -- closing ----------------------------------------------------------------

  /// Half-closes and reads what the client still sends until it closes
  /// too. Closing at once with unread input would make the kernel send a
  /// reset, which can destroy the answer (a 413, a 400) before the client
  /// reads it.
  void do_linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(ctx_->limits.read_timeout);
    read_more_discarded();
  }

  void read_more_discarded() {
    stream_.async_read_some(
        net::buffer(discard_),
        beast::bind_front_handler(&session::on_linger, shared_from_this()));
  }

  void on_linger(beast::error_code ec, std::size_t) {
    if (ec || closed_) return do_close();
    read_more_discarded();
  }

  void on_drain() {
    if (closed_) return;
    if (reading_ && !partial()) return do_close();
    close_after_response_ = true;
  }

  void do_close() {
    if (closed_) return;
    closed_ = true;
    if (handling_) finish_handling();
    read_deadline_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  /// Closes with a TCP reset (linger 0) and no answer, as a crashed or
  /// misbehaving peer would.
  void do_abort() {
    spdlog::debug("http: {} {} -> connection reset (route {}, peer {})",
                  method_, path_, route_, remote_);
    if (closed_) return;
    closed_ = true;
    read_deadline_.cancel();
    beast::error_code ignored;
    stream_.socket().set_option(net::socket_base::linger(true, 0), ignored);
    stream_.close();
  }

  // -- state ------------------------------------------------------------------

  beast::tcp_stream stream_;
  net::any_io_executor executor_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> res_;
  std::array<char, 4096> discard_{};
  net::steady_timer read_deadline_;
  net::steady_timer handler_deadline_;
  std::shared_ptr<server_context> ctx_;
  std::string remote_;
  responder responder_;

  // The request being served, for its answer, its log line and metrics.
  unsigned version_ = 11;
  bool keep_alive_ = false;
  std::string method_;
  std::string path_;
  std::string route_;
  clock_type::time_point started_;

  std::uint64_t read_seq_ = 0;
  std::uint64_t request_seq_ = 0;
  bool reading_ = false;
  bool read_timed_out_ = false;
  bool handling_ = false;
  bool close_after_response_ = false;
  bool closed_ = false;
};

} // namespace

void start_session(boost::asio::ip::tcp::socket socket,
                   std::shared_ptr<server_context> ctx) {
  std::make_shared<session>(std::move(socket), std::move(ctx))->run();
}

} // namespace switchboard::http
