#include "io/http/http_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <string>

namespace switchboard::http {

namespace {

// From 1 ms to 10 s: the API answers in milliseconds, and the handler timeout
// (default 10 s) bounds the slowest answer.
const prometheus::Histogram::BucketBoundaries& duration_buckets() {
  static const prometheus::Histogram::BucketBoundaries buckets{
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return buckets;
}

} // namespace

http_metrics::http_metrics(prometheus::Registry& registry)
    : requests_(prometheus::BuildCounter()
                    .Name("switchboard_http_requests_total")
                    .Help("HTTP requests answered, by route, method and status")
                    .Register(registry)),
      durations_(prometheus::BuildHistogram()
                     .Name("switchboard_http_request_duration_seconds")
                     .Help("Time from a request's arrival to its answer")
                     .Register(registry)) {
  // nop
}

void http_metrics::record(std::string_view route, std::string_view method,
                          int status, double seconds) {
  // Family::Add returns the existing series for known labels (under the
  // family's lock), so there is no cache here to keep consistent.
  requests_
      .Add({{"route", std::string{route}},
            {"method", std::string{method}},
            {"status", std::to_string(status)}})
      .Increment();
  durations_.Add({{"route", std::string{route}}}, duration_buckets())
      .Observe(seconds);
}

} // namespace switchboard::http
