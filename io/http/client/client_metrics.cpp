#include "io/http/client/client_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <caf/atom.hpp>

#include "messages/error.hpp"

namespace switchboard::http::client {

namespace {

// From 1 ms to 30 s: loopback simulators answer in about a millisecond,
// and the default total timeout (30 s) bounds the slowest request.
const prometheus::Histogram::BucketBoundaries& duration_buckets() {
  static const prometheus::Histogram::BucketBoundaries buckets{
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
      0.25,  0.5,    1,     2.5,  5,     10,   30};
  return buckets;
}

} // namespace

std::string outcome_label(const caf::expected<http_response>& outcome) {
  if (outcome) return std::to_string(outcome->status / 100) + "xx";
  const auto& err = outcome.error();
  if (err.category() != caf::atom("sb")) return "error";
  return to_string(static_cast<errc>(err.code()));
}

client_metrics::client_metrics(prometheus::Registry& registry)
    : requests_(prometheus::BuildCounter()
                    .Name("switchboard_http_client_requests_total")
                    .Help("Outbound HTTP requests finished, by host and "
                          "outcome")
                    .Register(registry)),
      durations_(prometheus::BuildHistogram()
                     .Name("switchboard_http_client_request_duration_seconds")
                     .Help("Time from an outbound request's submission to "
                           "its outcome")
                     .Register(registry)) {
  // nop
}

void client_metrics::record(std::string_view origin,
                            const caf::expected<http_response>& outcome,
                            double seconds) {
  std::string host{origin};
  requests_.Add({{"host", host}, {"outcome", outcome_label(outcome)}})
      .Increment();
  durations_.Add({{"host", host}}, duration_buckets()).Observe(seconds);
}

} // namespace switchboard::http::client
