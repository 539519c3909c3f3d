#include "tests/http_client/test_server.hpp"

#include <arpa/inet.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

#include "io/http/url.hpp"
#include "io/io_runtime.hpp"

namespace switchboard::http::client::testing {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

std::string response_text(int status, const std::string& body,
                          const std::string& extra = {}) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: "
         + std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
}

struct shared_state {
  server_counts counts;
};

template <class Stream>
class session : public std::enable_shared_from_this<session<Stream>> {
 public:
  template <class... Args>
  session(std::shared_ptr<shared_state> state, Args&&... args)
      : state_(std::move(state)), stream_(std::forward<Args>(args)...),
        timer_(stream_.get_executor()) {
    auto open = ++state_->counts.open;
    auto seen = state_->counts.max_open.load();
    while (open > seen
           && !state_->counts.max_open.compare_exchange_weak(seen, open)) {
    }
  }

  ~session() {
    --state_->counts.open;
  }

  void start() {
    if constexpr (std::is_same_v<Stream, asio::ssl::stream<tcp::socket>>)
      stream_.async_handshake(
          asio::ssl::stream_base::server,
          [self = this->shared_from_this()](beast::error_code ec) {
            if (!ec) self->read();
          });
    else
      read();
  }

 private:
  void read() {
    request_ = {};
    beast::http::async_read(
        stream_, buffer_, request_,
        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
          if (!ec) self->respond();
        });
  }

  void respond() {
    ++state_->counts.requests;
    ++index_;
    auto target = std::string{request_.target()};
    auto path = std::string{target_path(target)};
    auto query = parse_query(target);
    if (path == "/echo")
      return write(
          response_text(200, target,
                        "x-method: " + std::string{request_.method_string()}
                            + "\r\n"),
          false);
    if (path == "/slow") return slow(std::atoi(query["ms"].c_str()));
    if (path == "/silent") return read();
    if (path == "/reset")
      return write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", true);
    if (path == "/big")
      return write(
          response_text(200, std::string(std::atoi(query["n"].c_str()), 'x')),
          false);
    if (path == "/garbage")
      return write("SSH-2.0-OpenSSH_9.2\r\n\r\n\r\n", true);
    if (path == "/close")
      return write(response_text(200, "bye", "Connection: close\r\n"), true);
    if (path == "/drop-second" && index_ > 1) return;
    write(response_text(200, "hello",
                        "Content-Type: text/plain\r\n"
                        "x-rate-limit-remaining: 42\r\n"
                        "Retry-After: 7\r\n"),
          false);
  }

  void slow(int ms) {
    timer_.expires_after(std::chrono::milliseconds(ms));
    timer_.async_wait([self = this->shared_from_this()](beast::error_code) {
      self->write(response_text(200, "slow"), false);
    });
  }

  void write(std::string bytes, bool close_after) {
    auto data = std::make_shared<std::string>(std::move(bytes));
    asio::async_write(stream_, asio::buffer(*data),
                      [self = this->shared_from_this(), data,
                       close_after](beast::error_code ec, std::size_t) {
                        if (!ec && !close_after) self->read();
                      });
  }

  std::shared_ptr<shared_state> state_;
  Stream stream_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  beast::http::request<beast::http::string_body> request_;
  int index_ = 0;
};

} // namespace

struct test_server::impl {
  impl(const std::string& cert_file, const std::string& key_file)
      : acceptor(runtime.context(), {asio::ip::make_address("127.0.0.1"), 0}),
        tls(asio::ssl::context::tls_server) {
    use_tls = !cert_file.empty();
    if (use_tls) {
      tls.use_certificate_chain_file(cert_file);
      tls.use_private_key_file(key_file, asio::ssl::context::pem);
    }
    accept();
  }

  ~impl() {
    runtime.stop();
  }

  void accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
      if (ec) return;
      ++state->counts.accepted;
      if (use_tls)
        std::make_shared<session<asio::ssl::stream<tcp::socket>>>(
            state, std::move(socket), tls)
            ->start();
      else
        std::make_shared<session<tcp::socket>>(state, std::move(socket))
            ->start();
      accept();
    });
  }

  io::io_runtime runtime{1};
  tcp::acceptor acceptor;
  asio::ssl::context tls;
  bool use_tls = false;
  std::shared_ptr<shared_state> state = std::make_shared<shared_state>();
};

test_server::test_server(const std::string& cert_file,
                         const std::string& key_file)
    : impl_(std::make_unique<impl>(cert_file, key_file)) {
}

test_server::~test_server() = default;

uint16_t test_server::port() const {
  return impl_->acceptor.local_endpoint().port();
}

const server_counts& test_server::counts() const {
  return impl_->state->counts;
}

self_signed_cert::self_signed_cert() {
  char tmpl[] = "/tmp/sb-test-cert-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  auto command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2"
                 " -subj /CN=localhost -addext subjectAltName=DNS:localhost"
                 " -keyout "
                 + key_file() + " -out " + cert_file() + " 2>/dev/null";
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("openssl req failed");
}

self_signed_cert::~self_signed_cert() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string self_signed_cert::cert_file() const {
  return dir_ + "/cert.pem";
}

std::string self_signed_cert::key_file() const {
  return dir_ + "/key.pem";
}

namespace {

sockaddr_in loopback(uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// Whether a non-blocking connect on `fd` completes within 50 ms.
bool connects(int fd) {
  pollfd p{fd, POLLOUT, 0};
  return ::poll(&p, 1, 50) == 1;
}

} // namespace

black_hole::black_hole() {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  auto addr = loopback(0);
  ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(listener_, 0);
  socklen_t len = sizeof addr;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  // Fill the accept queue until a connect no longer completes.
  for (int i = 0; i < 64; ++i) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    fillers_.push_back(fd);
    auto target = loopback(port_);
    ::connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target);
    if (!connects(fd)) break;
  }
}

black_hole::~black_hole() {
  for (int fd : fillers_)
    ::close(fd);
  ::close(listener_);
}

uint16_t closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  auto addr = loopback(0);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

} // namespace switchboard::http::client::testing
