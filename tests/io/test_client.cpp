#include "tests/io/test_client.hpp"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <limits>
#include <thread>

namespace switchboard::http::testing {

namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

tcp::endpoint loopback(uint16_t port) {
  return {net::ip::make_address("127.0.0.1"), port};
}

std::string lower(std::string_view text) {
  std::string out{text};
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

bhttp::request<bhttp::string_body> make_request(const std::string& method,
                                                const std::string& target,
                                                const std::string& body,
                                                const header_list& headers) {
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1");
  for (auto& [name, value] : headers)
    req.set(name, value);
  req.body() = body;
  req.keep_alive(true);
  req.prepare_payload();
  return req;
}

client_response to_client_response(bhttp::response<bhttp::string_body>&& res) {
  client_response out;
  out.status = static_cast<int>(res.result_int());
  for (auto& field : res)
    out.headers[lower(std::string_view{field.name_string()})]
        = std::string{std::string_view{field.value()}};
  out.body = std::move(res.body());
  return out;
}

/// Runs the pending operations on `ioc` to completion; the stream's
/// expires_after bounds them.
void run(net::io_context& ioc) {
  ioc.run();
  ioc.restart();
}

} // namespace

// -- client_response ----------------------------------------------------------

nlohmann::json client_response::json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

std::string client_response::header(const std::string& lower_name) const {
  auto i = headers.find(lower_name);
  return i == headers.end() ? std::string{} : i->second;
}

// -- test_connection ----------------------------------------------------------

struct test_connection::impl {
  explicit impl(std::chrono::milliseconds deadline) : deadline(deadline) {
    // nop
  }

  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  std::chrono::milliseconds deadline;
  beast::error_code connect_error;
};

test_connection::test_connection(uint16_t port,
                                 std::chrono::milliseconds deadline)
    : impl_(std::make_unique<impl>(deadline)) {
  impl_->stream.expires_after(deadline);
  impl_->stream.async_connect(loopback(port), [this](beast::error_code ec) {
    impl_->connect_error = ec;
  });
  run(impl_->ioc);
}

test_connection::~test_connection() {
  beast::error_code ignored;
  impl_->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

client_response test_connection::request(const std::string& method,
                                         const std::string& target,
                                         const std::string& body,
                                         const header_list& headers) {
  client_response out;
  if (impl_->connect_error) {
    out.failure = "connect: " + impl_->connect_error.message();
    return out;
  }
  auto req = make_request(method, target, body, headers);
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  beast::error_code ec;
  impl_->stream.expires_after(impl_->deadline);
  bhttp::async_write(impl_->stream, req, [&](beast::error_code e, std::size_t) {
    ec = e;
  });
  run(impl_->ioc);
  if (ec) {
    out.failure = "write: " + ec.message();
    return out;
  }
  impl_->stream.expires_after(impl_->deadline);
  bhttp::async_read(impl_->stream, impl_->buffer, parser,
                    [&](beast::error_code e, std::size_t) {
                      ec = e;
                    });
  run(impl_->ioc);
  if (ec) {
    out.failure = "read: " + ec.message();
    return out;
  }
  return to_client_response(parser.release());
}

bool test_connection::closed_by_peer(std::chrono::milliseconds deadline) {
  char byte;
  beast::error_code ec;
  impl_->stream.expires_after(deadline);
  impl_->stream.async_read_some(net::buffer(&byte, 1),
                                [&](beast::error_code e, std::size_t) {
                                  ec = e;
                                });
  run(impl_->ioc);
  return ec == net::error::eof || ec == net::error::connection_reset;
}

// -- one-shot helpers ---------------------------------------------------------

client_response http_request(uint16_t port, const std::string& method,
                             const std::string& target, const std::string& body,
                             const header_list& headers) {
  test_connection conn{port};
  return conn.request(method, target, body, headers);
}

header_list bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

raw_result raw_exchange(uint16_t port, const std::string& bytes,
                        std::chrono::milliseconds deadline) {
  raw_result out;
  auto start = std::chrono::steady_clock::now();
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  stream.expires_after(deadline);
  beast::error_code ec;
  stream.async_connect(loopback(port), [&](beast::error_code e) {
    ec = e;
  });
  run(ioc);
  if (ec) return out;
  if (!bytes.empty()) {
    net::async_write(stream, net::buffer(bytes),
                     [&](beast::error_code e, std::size_t) {
                       ec = e;
                     });
    run(ioc);
  }
  // Read until the server closes (EOF or reset) or the deadline closes it.
  std::array<char, 4096> chunk;
  while (!ec) {
    stream.async_read_some(net::buffer(chunk),
                           [&](beast::error_code e, std::size_t n) {
                             ec = e;
                             out.received.append(chunk.data(), n);
                           });
    run(ioc);
  }
  out.closed_by_peer
      = ec == net::error::eof || ec == net::error::connection_reset;
  out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  return out;
}

bool can_connect(uint16_t port) {
  net::io_context ioc;
  tcp::socket socket{ioc};
  beast::error_code ec;
  socket.connect(loopback(port), ec);
  return !ec;
}

// -- concurrent keep-alive clients
// ---------------------------------------------

namespace {

/// One keep-alive connection sending `count` echo requests in sequence.
class echo_client : public std::enable_shared_from_this<echo_client> {
 public:
  echo_client(net::io_context& ioc, std::size_t first, std::size_t count,
              std::chrono::milliseconds deadline, std::size_t& answered)
      : stream_(ioc), next_(first), end_(first + count), deadline_(deadline),
        answered_(answered) {
    // nop
  }

  void run(uint16_t port) {
    stream_.expires_after(deadline_);
    stream_.async_connect(loopback(port),
                          beast::bind_front_handler(&echo_client::on_connect,
                                                    shared_from_this()));
  }

 private:
  void on_connect(beast::error_code ec) {
    if (ec) return;
    do_write();
  }

  void do_write() {
    req_ = make_request("GET", "/echo/" + std::to_string(next_), {}, {});
    stream_.expires_after(deadline_);
    bhttp::async_write(
        stream_, req_,
        beast::bind_front_handler(&echo_client::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (ec) return;
    res_ = {};
    bhttp::async_read(
        stream_, buffer_, res_,
        beast::bind_front_handler(&echo_client::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return;
    if (res_.result_int() == 200 && res_.body() == std::to_string(next_))
      ++answered_;
    if (++next_ < end_) return do_write();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> req_;
  bhttp::response<bhttp::string_body> res_;
  std::size_t next_;
  std::size_t end_;
  std::chrono::milliseconds deadline_;
  std::size_t& answered_;
};

} // namespace

std::size_t concurrent_echo(uint16_t port, std::size_t connections,
                            std::size_t per_connection,
                            std::chrono::milliseconds deadline) {
  net::io_context ioc;
  std::size_t answered = 0;
  for (std::size_t i = 0; i < connections; ++i)
    std::make_shared<echo_client>(ioc, i * per_connection, per_connection,
                                  deadline, answered)
        ->run(port);
  ioc.run_for(deadline);
  return answered;
}

} // namespace switchboard::http::testing
