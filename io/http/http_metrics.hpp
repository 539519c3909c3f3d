#pragma once

// The server's own Prometheus series:
//   switchboard_http_requests_total{route, method, status}      counter
//   switchboard_http_request_duration_seconds{route}            histogram
// `route` is the matched pattern (bounded cardinality), never the raw path.

#include <string_view>

namespace prometheus {
class Registry;
template <typename T>
class Family;
class Counter;
class Histogram;
} // namespace prometheus

namespace switchboard::http {

/// Records finished requests into a registry. Thread-safe.
class http_metrics {
 public:
  /// Registers both families in `registry`, which must outlive this object.
  explicit http_metrics(prometheus::Registry& registry);

  /// Counts one answered request and observes its duration.
  void record(std::string_view route, std::string_view method, int status,
              double seconds);

 private:
  prometheus::Family<prometheus::Counter>& requests_;
  prometheus::Family<prometheus::Histogram>& durations_;
};

} // namespace switchboard::http
