// A polling fleet against the Twitter/X simulator (issue 3's benchmark):
// N accounts at interval I, the real pollers, HTTP client and batching
// writer on a private durable PostgreSQL. Prints polls per second, schedule
// lateness p50/p99/max (timer due -> poll start, from the manager's stats),
// CPU time per poll, resident memory per account and stored messages per
// second. By default the simulator runs in a child process (sim=process):
// the node's CPU and memory are measured without it, and the simulator's
// and PostgreSQL's CPU are printed on their own. sim=inline runs it in
// this process (its CPU then counts as the node's).
//
//   bench_polling_fleet [accounts=100000] [interval_ms=60000] [measure_s=2I]
//                       [messages_per_minute=1] [sim=process|inline]
//                       [timer_slack_ms=the node's default]

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <pqxx/pqxx>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "bench/support/durable_queue_db.hpp"
#include "bench/support/proc_cpu.hpp"
#include "bench/support/sim_process.hpp"
#include "io/crypto/keyring.hpp"
#include "io/http/client/http_client_actor.hpp"
#include "io/io_runtime.hpp"
#include "io/sim/simulators.hpp"
#include "messages/node.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/accounts_repo.hpp"
#include "persistence/database_pool.hpp"
#include "runtime/polling_wiring.hpp"
#include "runtime/supervision/scheduler_config.hpp"
#include "runtime/supervision/supervisor.hpp"
#include "tests/support/test_system.hpp"

using namespace std::chrono;
using namespace switchboard;

namespace {

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double rss_bytes() {
  std::ifstream statm{"/proc/self/statm"};
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * sysconf(_SC_PAGESIZE);
}

polling_stats stats_of(caf::actor_system& sys) {
  caf::scoped_actor self{sys};
  polling_stats out;
  auto mgr = sys.registry().get(polling_manager_atom_v);
  if (!mgr) return out;
  self->request(caf::actor_cast<caf::actor>(mgr), seconds{30},
                poll_stats_atom_v)
      .receive(
          [&](const polling_stats& x) {
            out = x;
          },
          [](const caf::error&) {});
  return out;
}

void connect_accounts(const std::string& conninfo, const crypto::keyring& ring,
                      long n, milliseconds interval) {
  pqxx::connection conn{conninfo};
  conn.set_variable("synchronous_commit", "off");
  for (long i = 0; i < n; ++i) {
    account_connection req;
    req.id = "b" + std::to_string(i);
    req.platform = "twitter";
    req.user_id = std::to_string(1'000'000 + i);
    req.access_token.value = "user-" + req.user_id;
    req.poll_interval_ms = interval.count();
    persistence::accounts_repo::connect(conn, ring, req, interval);
  }
}

uint64_t polls_of(const polling_stats& s) {
  uint64_t n = 0;
  for (auto& p : s.platforms)
    n += p.polls;
  return n;
}

double messages_of(const polling_stats& s) {
  double n = 0;
  for (auto& p : s.platforms)
    n += p.messages_per_poll * static_cast<double>(p.polls);
  return n;
}

} // namespace

int main(int argc, char** argv) {
  long accounts = argc > 1 ? std::atol(argv[1]) : 100000;
  milliseconds interval{argc > 2 ? std::atol(argv[2]) : 60000};
  seconds measure{argc > 3 ? std::atol(argv[3])
                           : 2 * duration_cast<seconds>(interval).count()};
  double rate = argc > 4 ? std::atof(argv[4]) : 1.0;
  bool inline_sim = argc > 5 && std::string{argv[5]} == "inline";
  config cfg;
  if (argc > 6)
    cfg.polling.timer_slack_ms = static_cast<uint32_t>(std::atol(argv[6]));

  auto sim_settings = sim::test_settings();
  sim_settings.messages_per_minute = rate;
  sim_settings.twitter_rate_limit = 1'000'000;
  // Forks: before the database, the actor system or any other thread.
  std::unique_ptr<bench::sim_process> sim_child;
  if (!inline_sim)
    sim_child = std::make_unique<bench::sim_process>(sim_settings);

  bench::durable_queue_db db;
  auto pg_pid = bench::postmaster_pid(db.conninfo());
  auto key = crypto::secret_key::generate();
  crypto::keyring ring{{key}};
  auto t0 = steady_clock::now();
  connect_accounts(db.conninfo(), ring, accounts, interval);
  std::printf("connected %ld accounts in %.1f s\n", accounts,
              duration<double>(steady_clock::now() - t0).count());

  std::unique_ptr<sim::simulators> sims;
  if (inline_sim)
    sims = std::make_unique<sim::simulators>(
        sim_settings, std::vector<sim::platform>{sim::platform::twitter});

  cfg.polling.encryption_key = key.to_hex();
  cfg.polling.default_interval_ms = static_cast<uint32_t>(interval.count());
  cfg.simulators.twitter_port = inline_sim
                                    ? sims->get(sim::platform::twitter).port()
                                    : sim_child->port();

  test::test_config sys_cfg;
  // The node's scheduler (runtime/bootstrap.cpp): the sharing policy, one
  // worker per core, so the figures are the node's.
  configure_scheduler(sys_cfg);
  caf::actor_system sys{sys_cfg};
  io::io_runtime io{1};
  persistence::pool_options pool_opts;
  pool_opts.conninfo = db.conninfo();
  pool_opts.settings.pool_size = 4;
  pool_opts.reconnect_delay = [](uint32_t) -> caf::timespan {
    return milliseconds{100};
  };
  auto pool = persistence::spawn_database_pool(sys, pool_opts);
  sys.registry().put(database_atom_v,
                     caf::actor_cast<caf::strong_actor_ptr>(pool));
  auto client
      = http::client::spawn_http_client(sys, io.context(), cfg.http_client);
  sys.registry().put(http_client_atom_v,
                     caf::actor_cast<caf::strong_actor_ptr>(client));

  auto rss_before = rss_bytes();
  supervisor_options sup_opts;
  sup_opts.name = "polling_supervisor";
  auto sup = spawn_supervisor(sys, sup_opts, polling_children(cfg, nullptr));
  // Started: every poller loaded its account and scheduled its first poll.
  t0 = steady_clock::now();
  for (;;) {
    auto s = stats_of(sys);
    if (s.waiting + s.active + s.delayed >= static_cast<uint64_t>(accounts))
      break;
    std::this_thread::sleep_for(milliseconds{500});
  }
  std::printf("pollers started in %.1f s\n",
              duration<double>(steady_clock::now() - t0).count());
  auto rss_after = rss_bytes();
  // First polls are spread over one interval: measure after it.
  std::this_thread::sleep_for(interval);
  auto before = stats_of(sys);
  auto cpu0 = cpu_seconds();
  auto sim0 = sim_child ? bench::process_cpu_seconds(sim_child->pid()) : 0.0;
  auto pg0 = bench::process_tree_cpu_seconds(pg_pid);
  auto w0 = steady_clock::now();
  std::this_thread::sleep_for(measure);
  auto after = stats_of(sys);
  auto wall = duration<double>(steady_clock::now() - w0).count();
  auto cpu = cpu_seconds() - cpu0;
  auto sim_cpu
      = sim_child ? bench::process_cpu_seconds(sim_child->pid()) - sim0 : 0.0;
  auto pg_cpu = bench::process_tree_cpu_seconds(pg_pid) - pg0;
  auto polls = static_cast<double>(polls_of(after) - polls_of(before));
  auto messages = messages_of(after) - messages_of(before);

  std::printf("accounts %ld, interval %lld ms, timer slack %u ms, measured "
              "%.1f s\n",
              accounts, static_cast<long long>(interval.count()),
              cfg.polling.timer_slack_ms, wall);
  std::printf("polls/s %.1f (expected %.1f)\n", polls / wall,
              accounts * 1000.0 / interval.count());
  std::printf("lateness p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              after.lateness_p50_ms, after.lateness_p99_ms,
              after.lateness_max_ms);
  std::printf("node cpu %.2f cores, %.1f us per poll%s\n", cpu / wall,
              polls > 0 ? cpu * 1e6 / polls : 0.0,
              inline_sim ? " (simulator included)" : "");
  if (sim_child)
    std::printf("simulator cpu %.2f cores (child process)\n", sim_cpu / wall);
  std::printf("postgresql cpu %.2f cores (postmaster and backends)\n",
              pg_cpu / wall);
  std::printf("rss per account %.0f bytes (pollers, stats, queues%s)\n",
              (rss_after - rss_before) / static_cast<double>(accounts),
              inline_sim ? ", simulator" : "");
  std::printf("stored messages/s %.1f\n", messages / wall);

  caf::scoped_actor self{sys};
  for (auto hdl :
       {caf::actor_cast<caf::actor>(sup), caf::actor_cast<caf::actor>(client),
        caf::actor_cast<caf::actor>(pool)}) {
    self->monitor(hdl);
    caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
    self->receive([](const caf::down_msg&) {},
                  caf::after(seconds{30}) >> [] {});
  }
  io.stop();
  return 0;
}
