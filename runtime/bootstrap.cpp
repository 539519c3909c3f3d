#include "runtime/bootstrap.hpp"

#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <prometheus/registry.h>
#include <spdlog/spdlog.h>
#include <thread>
#include <unistd.h>

#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "config/config_error.hpp"
#include "config/config_loader.hpp"
#include "config/describe.hpp"
#include "config/environment.hpp"
#include "io/http/client/http_client_actor.hpp"
#include "io/http/monitoring_routes.hpp"
#include "io/http/router.hpp"
#include "io/http/server.hpp"
#include "io/io_runtime.hpp"
#include "messages/all.hpp"
#include "messages/error.hpp"
#include "messages/node.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/embedded_postgres.hpp"
#include "persistence/migrations.hpp"
#include "persistence/migrator.hpp"
#include "runtime/actors_route.hpp"
#include "runtime/admin_token.hpp"
#include "runtime/cron_route.hpp"
#include "runtime/data_dir_lock.hpp"
#include "runtime/demo_accounts.hpp"
#include "runtime/embedded_simulators.hpp"
#include "runtime/logging/logging.hpp"
#include "runtime/monitoring.hpp"
#include "runtime/node.hpp"
#include "runtime/polling_routes.hpp"
#include "runtime/queue_routes.hpp"
#include "runtime/signals.hpp"
#include "runtime/simulator_endpoints.hpp"
#include "runtime/supervision/scheduler_config.hpp"

#include "version.hpp"

namespace switchboard {

namespace {

constexpr int exit_ok = 0;
constexpr int exit_failure = 1;
constexpr int exit_bad_config = 2;

std::optional<config> load(const cli_overrides& opts) {
  try {
    auto cfg = load_config(opts.config_file, process_environment());
    if (!opts.log_format.empty()) cfg.log.format = opts.log_format;
    if (!opts.log_level.empty()) cfg.log.level = opts.log_level;
    return cfg;
  } catch (const config_error& e) {
    std::cerr << e.what() << '\n';
    return std::nullopt;
  }
}

std::string default_node_id() {
  char host[256] = {};
  ::gethostname(host, sizeof(host) - 1);
  return std::string{host} + "-" + std::to_string(::getpid());
}

/// The database: the configured URL, or the embedded server (whose process
/// this object owns and stops on destruction).
class database_location {
 public:
  explicit database_location(const config& cfg) {
    if (!cfg.database.url.empty()) {
      conninfo_ = cfg.database.url;
      return;
    }
    persistence::embedded_postgres_options opts;
    opts.data_dir = cfg.data_dir;
    pg_.emplace(opts);
    // We hold the data directory lock, so a server still running here was
    // left behind by a node that was killed: stop it and start our own.
    if (pg_->running()) {
      spdlog::warn("stopping an embedded PostgreSQL left by a killed node");
      pg_->stop();
    }
    pg_->start();
    conninfo_ = pg_->conninfo();
  }

  const std::string& conninfo() const {
    return conninfo_;
  }

  void stop() {
    if (pg_) pg_->stop();
  }

 private:
  std::optional<persistence::embedded_postgres> pg_;
  std::string conninfo_;
};

void migrate(const std::string& conninfo) {
  pqxx::connection conn{conninfo};
  // The migrator logs each migration it applies.
  persistence::migrator::apply(conn, persistence::embedded_migrations());
  spdlog::info("database schema at version {}",
               persistence::migrator::current_version(conn));
}

caf::actor_system_config& prepare(caf::actor_system_config& cfg) {
  add_message_types(cfg);
  return configure_scheduler(cfg);
}

/// Everything a running node holds, in construction order; destroyed in
/// reverse, so HTTP stops before the actors it talks to.
struct running_node {
  running_node(const config& cfg, const std::string& conninfo,
               const admin_token& token, shutdown_latch& latch)
      : sys(prepare(actor_cfg)),
        registry(std::make_shared<prometheus::Registry>()) {
    node_options opts{&cfg, conninfo, registry.get()};
    // HTTP binds first, so a taken port fails start-up before any actor
    // runs; until the node is registered, its routes answer 503.
    start_http(cfg, token, latch);
    start_http_client(cfg);
    node = spawn_node(sys, opts);
    sys.registry().put(node_atom_v,
                       caf::actor_cast<caf::strong_actor_ptr>(node));
    watch_node(latch);
  }

  // A node supervisor that gives up (restart intensity) ends the process.
  // The watcher lives until the node goes down, however it goes down.
  void watch_node(shutdown_latch& latch) {
    auto hdl = node;
    sys.spawn([hdl, &latch, this](caf::event_based_actor* self) {
      self->monitor(hdl);
      self->set_down_handler([self, &latch, this](const caf::down_msg& msg) {
        if (msg.reason && msg.reason != caf::exit_reason::user_shutdown) {
          failure = render(msg.reason);
          latch.trigger("node supervisor failed: " + failure);
        }
        self->quit();
      });
      // A behavior keeps the watcher alive; it is never sent anything.
      return caf::behavior{[](caf::ok_atom) {}};
    });
  }

  void start_http(const config& cfg, const admin_token& token,
                  shutdown_latch& latch) {
    http::router routes{token.value};
    node_identity id{cfg.node.id.empty() ? default_node_id() : cfg.node.id,
                     std::chrono::system_clock::now()};
    http::add_monitoring_routes(
        routes, make_monitoring_deps(sys, id, registry,
                                     cfg.http.protect_monitoring, [&latch] {
                                       latch.trigger("POST /shutdown");
                                     }));
    add_actors_route(routes, sys);
    add_queue_routes(routes, node_queue_routes_deps(sys, cfg));
    add_cron_route(routes, sys);
    add_polling_routes(routes, node_polling_routes_deps(sys, cfg));
    io = std::make_unique<io::io_runtime>(cfg.http.threads);
    server = std::make_unique<http::server>(io->context(), cfg.http,
                                            std::move(routes), *registry);
    server->start();
  }

  // The gateways' HTTP client runs on the io runtime's context, published
  // for the pollers; it must be gone before that context stops.
  void start_http_client(const config& cfg) {
    http_client = http::client::spawn_http_client(
        sys, io->context(), cfg.http_client, registry.get());
    sys.registry().put(http_client_atom_v,
                       caf::actor_cast<caf::strong_actor_ptr>(http_client));
  }

  void stop_http_client() {
    sys.registry().erase(http_client_atom_v);
    caf::scoped_actor self{sys};
    self->monitor(http_client);
    caf::anon_send_exit(http_client, caf::exit_reason::user_shutdown);
    self->receive([](const caf::down_msg&) {},
                  caf::after(std::chrono::seconds{5}) >> [] {});
  }

  /// Stops taking requests, stops the actor tree within the deadline, then
  /// closes HTTP. Returns false when the tree did not stop in time.
  bool shut_down(std::chrono::milliseconds deadline) {
    server->stop_accepting();
    sys.registry().erase(node_atom_v);
    caf::scoped_actor self{sys};
    self->monitor(node);
    caf::anon_send_exit(node, caf::exit_reason::user_shutdown);
    bool stopped = false;
    self->receive(
        [&](const caf::down_msg&) {
          stopped = true;
        },
        caf::after(deadline + std::chrono::seconds{2}) >> [] {});
    server->stop();
    stop_http_client();
    io->stop();
    return stopped;
  }

  caf::actor_system_config actor_cfg;
  caf::actor_system sys;
  std::shared_ptr<prometheus::Registry> registry;
  supervisor_actor node;
  std::unique_ptr<io::io_runtime> io;
  std::unique_ptr<http::server> server;
  http_client_actor http_client;
  std::string failure;
};

/// The configuration the node runs with: with simulators, the ports they
/// actually bound and the notification channels left unconfigured pointed
/// at them.
config node_config(const config& loaded, const embedded_simulators* sims) {
  if (!sims) return loaded;
  auto cfg = loaded;
  cfg.simulators = sims->bound();
  cfg = with_simulator_endpoints(std::move(cfg));
  const auto& n = loaded.notifications;
  std::string channels;
  if (!fcm_configured(n)) channels = "push (FCM)";
  if (!smseagle_configured(n))
    channels += channels.empty() ? "SMS (SMSEagle)" : " and SMS (SMSEagle)";
  if (!channels.empty())
    spdlog::info("notifications: {} go to the simulators", channels);
  return cfg;
}

int run(const config& loaded) {
  shutdown_latch latch;
  signal_watcher signals{latch};
  data_dir_lock lock{loaded.data_dir};
  auto token = resolve_admin_token(loaded.http.admin_token, loaded.data_dir);
  if (token.generated)
    spdlog::info("generated the admin token into {}", token.file);
  else if (!token.file.empty())
    spdlog::info("admin token in {}", token.file);
  // The simulators bind before the database starts, so a taken port fails
  // start-up at once; they stop after the node, which talks to them.
  std::optional<embedded_simulators> sims;
  if (loaded.simulators.enabled) sims.emplace(loaded.simulators);
  auto cfg = node_config(loaded, sims ? &*sims : nullptr);
  database_location db{cfg};
  migrate(db.conninfo());
  int rc = exit_ok;
  {
    running_node node{cfg, db.conninfo(), token, latch};
    connect_demo_accounts(node.sys, node.node, cfg);
    spdlog::info("switchboard {} running", version);
    auto reason = latch.wait();
    spdlog::info("shutting down ({})", reason);
    auto deadline = std::chrono::milliseconds{cfg.node.shutdown_deadline_ms};
    if (!node.shut_down(deadline))
      spdlog::error("the actor tree did not stop within {} ms",
                    deadline.count());
    if (!node.failure.empty()) rc = exit_failure;
  }
  if (sims) {
    sims->stop();
    spdlog::info("simulators stopped");
  }
  db.stop();
  spdlog::info("stopped");
  return rc;
}

template <class F>
int guarded(const cli_overrides& opts, F body) {
  block_termination_signals();
  auto cfg = load(opts);
  if (!cfg) return exit_bad_config;
  try {
    setup_logging(cfg->log);
    spdlog::debug("configuration:\n{}", describe(*cfg));
    auto rc = body(*cfg);
    flush_logging();
    return rc;
  } catch (const persistence::schema_too_new_error& e) {
    spdlog::error("{}", e.what());
  } catch (const std::exception& e) {
    spdlog::error("cannot run: {}", e.what());
  }
  flush_logging();
  return exit_failure;
}

} // namespace

int run_node(const cli_overrides& opts) {
  return guarded(opts, [](const config& cfg) {
    return run(cfg);
  });
}

int run_migrate(const cli_overrides& opts) {
  return guarded(opts, [](const config& cfg) {
    data_dir_lock lock{cfg.data_dir};
    database_location db{cfg};
    migrate(db.conninfo());
    db.stop();
    return exit_ok;
  });
}

} // namespace switchboard
