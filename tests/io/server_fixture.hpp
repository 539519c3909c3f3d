#pragma once

// A real server on a loopback ephemeral port, with test routes and the
// monitoring routes wired to fakes the tests can steer.

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <prometheus/registry.h>
#include <thread>
#include <vector>

#include "config/config.hpp"
#include "io/http/monitoring_routes.hpp"
#include "io/http/server.hpp"
#include "io/io_runtime.hpp"
#include "tests/io/test_client.hpp"

namespace switchboard::http::testing {

constexpr const char* admin_token = "test-token";

struct server_fixture {
  server_fixture() {
    settings.bind = "127.0.0.1";
    settings.port = 0;
    settings.admin_token = admin_token;
    settings.max_body_bytes = 1024;
    settings.read_timeout_ms = 2000;
    settings.handler_timeout_ms = 2000;
  }

  ~server_fixture() {
    release_held(text(200, "released"));
    if (srv) srv->stop();
    {
      std::lock_guard<std::mutex> guard{mtx};
      for (auto& t : helpers)
        t.join();
    }
    runtime.stop();
  }

  /// Starts the server with the test routes and the monitoring routes;
  /// tests adjust `settings` and the fakes before calling it.
  void start() {
    router routes{settings.admin_token};
    add_test_routes(routes);
    add_monitoring_routes(routes, make_deps());
    srv = std::make_unique<server>(runtime.context(), settings,
                                   std::move(routes), *registry);
    srv->start();
    port = srv->port();
  }

  /// Answers the request parked by GET /hold, if any.
  void release_held(response r) {
    std::optional<responder> held_now;
    {
      std::lock_guard<std::mutex> guard{mtx};
      held_now.swap(held);
    }
    if (held_now) (*held_now)(std::move(r));
  }

  bool has_held() {
    std::lock_guard<std::mutex> guard{mtx};
    return held.has_value();
  }

  http_settings settings;
  io::io_runtime runtime{2};
  std::shared_ptr<prometheus::Registry> registry
      = std::make_shared<prometheus::Registry>();
  std::unique_ptr<server> srv;
  uint16_t port = 0;

  // Fakes behind the monitoring routes.
  std::atomic<bool> database_up{true};
  std::atomic<int> shutdown_calls{0};

  std::mutex mtx;
  std::optional<responder> held;
  std::vector<std::thread> helpers;

 private:
  void add_test_routes(router& routes) {
    // Answers at once with the path parameter as the body.
    routes.add(
        "GET", "/echo/{n}",
        [](request req, responder res) {
          res(text(200, req.param("n")));
        },
        auth::none);
    // Answers from a thread that is not an Asio thread, like an actor.
    routes.add(
        "POST", "/async",
        [this](request req, responder res) {
          std::lock_guard<std::mutex> guard{mtx};
          helpers.emplace_back([req = std::move(req), res] {
            res(json(200, {{"thread", "helper"}, {"body", req.body}}));
          });
        },
        auth::none);
    // Never answers: the server's handler timeout must.
    routes.add(
        "GET", "/never", [](request, responder) {}, auth::none);
    // Parks the request until the test releases it.
    routes.add(
        "GET", "/hold",
        [this](request, responder res) {
          std::lock_guard<std::mutex> guard{mtx};
          held = res;
        },
        auth::none);
  }

  monitoring_deps make_deps() {
    monitoring_deps deps;
    deps.health = [this](std::function<void(health_report)> reply) {
      health_report r;
      r.node_id = "node-test";
      r.version = "9.9.9";
      r.started_at = std::chrono::system_clock::now() - std::chrono::seconds{5};
      r.database_reachable = database_up;
      if (r.database_reachable)
        r.database_latency = std::chrono::milliseconds{3};
      reply(r);
    };
    deps.queues = [](std::function<void(std::vector<queue_figures>)> reply) {
      queue_figures q;
      q.name = "notification";
      q.waiting = 5;
      q.active = 2;
      q.completed = 40;
      reply({q});
    };
    deps.request_shutdown = [this] {
      ++shutdown_calls;
    };
    deps.metrics = {registry};
    deps.protect_monitoring = settings.protect_monitoring;
    return deps;
  }
};

} // namespace switchboard::http::testing
