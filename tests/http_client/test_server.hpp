#pragma once

// A loopback HTTP(S) server for the client tests, with behaviours chosen by
// the request path, and counters that prove what the client did:
//   /ok                200 "hello" with x-rate-limit-* and retry-after
//   /echo              200, body: the request target; x-method: the method
//   /slow?ms=N         200 after N ms
//   /silent            never answers (keeps reading)
//   /reset             half a response, then closes
//   /big?n=N           200 with an N-byte body
//   /garbage           bytes that are not HTTP, then closes
//   /close             200 with Connection: close, then closes
//   /drop-second       answers the first request of a connection; closes
//                      the connection on any later one without answering
// Beast stays in test_server.cpp.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace switchboard::http::client::testing {

struct server_counts {
  std::atomic<int> accepted{0};
  std::atomic<int> open{0};
  std::atomic<int> max_open{0};
  std::atomic<int> requests{0};
};

class test_server {
 public:
  /// Plain HTTP on 127.0.0.1; HTTPS when both PEM files are given.
  explicit test_server(const std::string& cert_file = {},
                       const std::string& key_file = {});
  ~test_server();

  uint16_t port() const;
  const server_counts& counts() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// A self-signed certificate for DNS name "localhost" only, in a temporary
/// directory removed by the destructor.
class self_signed_cert {
 public:
  self_signed_cert();
  ~self_signed_cert();
  std::string cert_file() const;
  std::string key_file() const;

 private:
  std::string dir_;
};

/// A port on 127.0.0.1 that listens but never accepts, with its backlog
/// already full: a connect there hangs until the client gives up.
class black_hole {
 public:
  black_hole();
  ~black_hole();
  uint16_t port() const {
    return port_;
  }

 private:
  int listener_ = -1;
  std::vector<int> fillers_;
  uint16_t port_ = 0;
};

/// A port on 127.0.0.1 where nothing listens.
uint16_t closed_port();

} // namespace switchboard::http::client::testing
