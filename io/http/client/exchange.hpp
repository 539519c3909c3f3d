#pragma once

// One request on its way through a host pool (internal to the client):
// the wire request, its deadlines, and the completion that must run
// exactly once. Touched only on its pool's strand.

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "io/http/client/client_metrics.hpp"
#include "io/http/client/http_client.hpp"

namespace switchboard::http::client {

using steady_clock = std::chrono::steady_clock;

using wire_request
    = boost::beast::http::request<boost::beast::http::string_body>;

struct exchange {
  wire_request request;
  /// scheme://host:port, the only location errors name.
  std::string origin;
  bool idempotent = false;
  bool head = false;
  steady_clock::time_point started;
  steady_clock::time_point total_deadline;
  steady_clock::duration connect_timeout{};
  steady_clock::duration read_timeout{};
  uint64_t max_response_bytes = 0;
  /// Already retried once on a fresh connection.
  bool retried = false;
  /// Waiting in its pool's queue, with queue_timer armed to total_deadline.
  bool queued = false;
  std::unique_ptr<boost::asio::steady_timer> queue_timer;
  completion done;
  /// Null: no metrics. Kept alive by the pool that runs the exchange.
  client_metrics* metrics = nullptr;

  /// Runs `done` unless it already ran.
  void finish(caf::expected<http_response> outcome) {
    if (!done) return;
    auto callback = std::move(done);
    done = nullptr;
    auto elapsed = steady_clock::now() - started;
    if (outcome) outcome->elapsed = elapsed;
    if (metrics)
      metrics->record(origin, outcome,
                      std::chrono::duration<double>(elapsed).count());
    callback(std::move(outcome));
  }
};

/// What a connection reports about one exchange.
struct exchange_outcome {
  /// None on success.
  caf::error error;
  http_response response;
  /// Some of the request went out (a write completed).
  bool request_sent = false;
  /// Some of a response came in.
  bool response_started = false;
};

} // namespace switchboard::http::client
