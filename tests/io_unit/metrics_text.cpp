#define CAF_SUITE io.metrics_text
#include "io/http/metrics_text.hpp"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include "caf/test/unit_test.hpp"

#include "io/http/http_metrics.hpp"
#include "io/system/process_collector.hpp"

using namespace switchboard;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

} // namespace

CAF_TEST(recorded requests show up as HTTP series) {
  auto registry = std::make_shared<prometheus::Registry>();
  http::http_metrics metrics{*registry};
  metrics.record("/api/accounts/{id}", "GET", 200, 0.003);
  metrics.record("/api/accounts/{id}", "GET", 200, 0.004);
  metrics.record("unmatched", "GET", 404, 0.0001);
  auto text = http::metrics_text({registry});
  CAF_MESSAGE(text);
  CAF_CHECK(contains(text, "# TYPE switchboard_http_requests_total counter"));
  CAF_CHECK(contains(text, "switchboard_http_requests_total{method=\"GET\","
                           "route=\"/api/accounts/{id}\",status=\"200\"} 2"));
  CAF_CHECK(contains(text, "switchboard_http_requests_total{method=\"GET\","
                           "route=\"unmatched\",status=\"404\"} 1"));
  CAF_CHECK(contains(text, "# TYPE switchboard_http_request_duration_seconds "
                           "histogram"));
  CAF_CHECK(contains(text, "switchboard_http_request_duration_seconds_count{"
                           "route=\"/api/accounts/{id}\"} 2"));
  CAF_CHECK(contains(text, "switchboard_http_request_duration_seconds_bucket{"
                           "route=\"/api/accounts/{id}\",le=\"0.005\"} 2"));
}

CAF_TEST(several sources are serialised together and nulls skipped) {
  auto a = std::make_shared<prometheus::Registry>();
  auto b = std::make_shared<prometheus::Registry>();
  prometheus::BuildCounter().Name("alpha_total").Help("a").Register(*a).Add({});
  prometheus::BuildCounter()
      .Name("beta_total")
      .Help("b")
      .Register(*b)
      .Add({})
      .Increment(3);
  auto text = http::metrics_text({a, nullptr, b});
  CAF_CHECK(contains(text, "alpha_total 0"));
  CAF_CHECK(contains(text, "beta_total 3"));
  CAF_CHECK_LESS(text.find("alpha_total"), text.find("beta_total"));
  CAF_CHECK_EQUAL(http::metrics_content_type, "text/plain; version=0.0.4");
}

CAF_TEST(the process collector exports the standard series) {
  auto text = http::metrics_text({std::make_shared<io::process_collector>()});
  for (auto name :
       {"process_cpu_seconds_total", "process_resident_memory_bytes",
        "process_virtual_memory_bytes", "process_open_fds",
        "process_start_time_seconds", "process_threads"})
    CAF_CHECK(contains(text, std::string{"# TYPE "} + name));
  CAF_CHECK(contains(text, "# TYPE process_cpu_seconds_total counter"));
}
