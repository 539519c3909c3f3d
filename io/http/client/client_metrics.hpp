#pragma once

// The client's Prometheus series:
//   switchboard_http_client_requests_total{host, outcome}       counter
//   switchboard_http_client_request_duration_seconds{host}      histogram
// `host` is scheme://host:port (the gateways' few hosts, never a path);
// `outcome` is the status class ("2xx", "4xx", ...) or the error name
// ("net_read_timeout", ...).

#include <string>
#include <string_view>

#include <caf/expected.hpp>

#include "messages/http_client.hpp"

namespace prometheus {
class Registry;
template <typename T>
class Family;
class Counter;
class Histogram;
} // namespace prometheus

namespace switchboard::http::client {

/// The `outcome` label of a finished request.
std::string outcome_label(const caf::expected<http_response>& outcome);

/// Records finished requests into a registry. Thread-safe.
class client_metrics {
 public:
  /// Registers both families in `registry`, which must outlive this object.
  explicit client_metrics(prometheus::Registry& registry);

  void record(std::string_view origin,
              const caf::expected<http_response>& outcome, double seconds);

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;
};

} // namespace switchboard::http::client
