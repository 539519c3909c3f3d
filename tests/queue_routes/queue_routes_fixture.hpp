#pragma once

// A real node slice for the queue route suites: a fresh migrated database
// on the shared test server, a real database pool registered as the node
// registers it, and a real HTTP server on a loopback ephemeral port with the
// node's queue, cron and monitoring routes.

#include <memory>
#include <pqxx/pqxx>
#include <prometheus/registry.h>
#include <string>

#include <caf/actor_registry.hpp>

#include "config/config.hpp"
#include "io/http/monitoring_routes.hpp"
#include "io/http/server.hpp"
#include "io/io_runtime.hpp"
#include "messages/node.hpp"
#include "persistence/migrations.hpp"
#include "persistence/migrator.hpp"
#include "runtime/cron_route.hpp"
#include "runtime/monitoring.hpp"
#include "runtime/queue_routes.hpp"
#include "tests/io/test_client.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/pool_fixture.hpp"

namespace switchboard::test {

constexpr const char* token = "queue-token";

struct queue_routes_fixture : pool_fixture {
  queue_routes_fixture() : conn(make_database()) {
    auto opts = test_pool_options(db_url, 2);
    // A database that is down fails requests within a second.
    opts.settings.request_deadline_ms = 1000;
    start_pool(opts);
    sys.registry().put(database_atom_v,
                       caf::actor_cast<caf::strong_actor_ptr>(pool));
    start_http();
  }

  ~queue_routes_fixture() {
    if (srv) srv->stop();
    runtime.stop();
    sys.registry().erase(database_atom_v);
  }

  std::string make_database() {
    db_url = pg_harness::get().fresh_database("queue_routes");
    pqxx::connection c{db_url};
    persistence::migrator::apply(c, persistence::embedded_migrations());
    return db_url;
  }

  void start_http() {
    cfg.http.bind = "127.0.0.1";
    cfg.http.port = 0;
    cfg.http.admin_token = token;
    cfg.http.max_body_bytes = 256 * 1024;
    cfg.http.handler_timeout_ms = 5000;
    http::router routes{token};
    add_queue_routes(routes, node_queue_routes_deps(sys, cfg));
    add_cron_route(routes, sys);
    node_identity id{"node-test", std::chrono::system_clock::now()};
    http::add_monitoring_routes(
        routes, make_monitoring_deps(sys, id, registry, false, [] {}));
    srv = std::make_unique<http::server>(runtime.context(), cfg.http,
                                         std::move(routes), *registry);
    srv->start();
    port = srv->port();
  }

  /// One request with the admin token.
  http::testing::client_response call(const std::string& method,
                                      const std::string& target,
                                      const std::string& body = {}) {
    return http::testing::http_request(port, method, target, body,
                                       http::testing::bearer(token));
  }

  /// POST /api/queues/{queue}/jobs with `body` (JSON).
  http::testing::client_response enqueue(const std::string& queue,
                                         const nlohmann::json& body) {
    return call("POST", "/api/queues/" + queue + "/jobs", body.dump());
  }

  std::string db_url;
  pqxx::connection conn;
  config cfg;
  io::io_runtime runtime{1};
  std::shared_ptr<prometheus::Registry> registry
      = std::make_shared<prometheus::Registry>();
  std::unique_ptr<http::server> srv;
  uint16_t port = 0;
};

} // namespace switchboard::test
