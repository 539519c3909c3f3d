#pragma once

// A small HTTP client for the loopback tests: blocking calls, each bounded by
// a deadline so a misbehaving server fails a test instead of hanging it.
// Beast stays in test_client.cpp.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/wait_until.hpp"

namespace switchboard::http::testing {

using namespace std::chrono_literals;

struct client_response {
  /// 0 when no answer arrived (connection error or deadline).
  int status = 0;
  /// Names lower-cased.
  std::map<std::string, std::string> headers;
  std::string body;
  /// What went wrong when status is 0.
  std::string failure;

  nlohmann::json json() const;
  std::string header(const std::string& lower_name) const;
};

using header_list = std::vector<std::pair<std::string, std::string>>;

/// One keep-alive connection to 127.0.0.1:port.
class test_connection {
 public:
  explicit test_connection(uint16_t port,
                           std::chrono::milliseconds deadline = 5s);
  ~test_connection();

  /// Sends one request and reads its answer on this connection.
  client_response request(const std::string& method, const std::string& target,
                          const std::string& body = {},
                          const header_list& headers = {});

  /// Whether the server closed the connection (reads EOF before deadline).
  bool closed_by_peer(std::chrono::milliseconds deadline);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// One request on a fresh connection.
client_response http_request(uint16_t port, const std::string& method,
                             const std::string& target,
                             const std::string& body = {},
                             const header_list& headers = {});

/// `Authorization: Bearer <token>`.
header_list bearer(const std::string& token);

/// What a raw socket saw after sending some bytes.
struct raw_result {
  std::string received;
  /// The server closed the connection before the deadline.
  bool closed_by_peer = false;
  std::chrono::milliseconds elapsed{0};
};

/// Connects, sends `bytes` as they are, then reads until the server closes
/// the connection or `deadline` passes.
raw_result raw_exchange(uint16_t port, const std::string& bytes,
                        std::chrono::milliseconds deadline);

/// Whether a TCP connection to 127.0.0.1:port is accepted.
bool can_connect(uint16_t port);

/// Opens `connections` connections at once and sends, on each, one after the
/// other, `per_connection` keep-alive requests `GET /echo/<n>` (n unique).
/// Returns how many were answered 200 with body n.
std::size_t concurrent_echo(uint16_t port, std::size_t connections,
                            std::size_t per_connection,
                            std::chrono::milliseconds deadline);

using test::wait_until;

} // namespace switchboard::http::testing
