#include "io/http/monitoring_routes.hpp"

#include <memory>

#include "io/http/monitoring_json.hpp"
#include "io/http/queue_gauges.hpp"
#include "io/system/process_collector.hpp"
#include "io/system/process_stats.hpp"

namespace switchboard::http {

namespace {

using deps_ptr = std::shared_ptr<const monitoring_deps>;

response unavailable(const char* what) {
  return error(503, "unavailable", std::string{what} + " is not available");
}

handler health_route(deps_ptr deps) {
  return [deps](request, responder res) {
    if (!deps->health) return void(res(unavailable("the health probe")));
    deps->health([res](health_report report) {
      res(health_response(report, std::chrono::system_clock::now()));
    });
  };
}

handler metrics_route(deps_ptr deps) {
  // Queue gauges are refreshed from the queue source before each scrape;
  // process figures come last, read at each scrape like everything else.
  auto gauges = std::make_shared<queue_gauges>();
  auto sources = std::make_shared<metric_sources>(deps->metrics);
  sources->push_back(gauges->registry());
  sources->push_back(std::make_shared<io::process_collector>());
  return [deps, gauges, sources](request, responder res) {
    auto render = [sources, res] {
      res(text(200, metrics_text(*sources), std::string{metrics_content_type}));
    };
    if (!deps->queues) return render();
    deps->queues([gauges, render](auto figures) {
      if (figures) gauges->update(*figures);
      render();
    });
  };
}

handler system_route() {
  return [](request, responder res) {
    auto process = io::read_process_stats();
    auto system = io::read_system_stats();
    if (!process || !system) return void(res(unavailable("/proc")));
    res(json(200, system_json(*process, *system)));
  };
}

handler queues_route(deps_ptr deps) {
  return [deps](request, responder res) {
    if (!deps->queues) return void(res(json(200, queues_json({}))));
    deps->queues([res](std::optional<std::vector<queue_figures>> queues) {
      if (!queues) return void(res(unavailable("the queue figures")));
      res(json(200, queues_json(*queues)));
    });
  };
}

handler shutdown_route(deps_ptr deps) {
  return [deps](request, responder res) {
    if (!deps->request_shutdown) return void(res(unavailable("shutdown")));
    // Answer first: the shutdown stops accepting, and the answer must
    // already be on its way to count as in flight.
    res(json(202, {{"status", "shutting_down"}}));
    deps->request_shutdown();
  };
}

} // namespace

void add_monitoring_routes(router& r, monitoring_deps deps) {
  auto open = deps.protect_monitoring ? auth::required : auth::none;
  auto shared = std::make_shared<const monitoring_deps>(std::move(deps));
  r.add("GET", "/health", health_route(shared), open);
  r.add("GET", "/metrics", metrics_route(shared), open);
  r.add("GET", "/metrics/system", system_route(), auth::required);
  r.add("GET", "/metrics/queues", queues_route(shared), auth::required);
  r.add("POST", "/shutdown", shutdown_route(shared), auth::required);
}

} // namespace switchboard::http
