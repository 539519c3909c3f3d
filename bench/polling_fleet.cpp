// A polling fleet against the Twitter/X simulator (issue 3's benchmark):
// N accounts at interval I, the real pollers, HTTP client and batching
// writer on a private durable PostgreSQL. Prints polls per second, schedule
// lateness p50/p99/max (timer due -> poll start, from the manager's stats),
// CPU time per poll, resident memory per account and stored messages per
// second. The simulator runs in this process: its CPU is included.
//
//   bench_polling_fleet [accounts=100000] [interval_ms=60000] [measure_s=2I]
//                       [messages_per_minute=1]

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "bench/support/durable_queue_db.hpp"
#include "io/crypto/keyring.hpp"
#include "io/http/client/http_client_actor.hpp"
#include "io/io_runtime.hpp"
#include "io/sim/simulators.hpp"
#include "messages/node.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/accounts_repo.hpp"
#include "persistence/database_pool.hpp"
#include "runtime/polling_wiring.hpp"
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

  bench::durable_queue_db db;
  auto key = crypto::secret_key::generate();
  crypto::keyring ring{{key}};
  auto t0 = steady_clock::now();
  connect_accounts(db.conninfo(), ring, accounts, interval);
  std::printf("connected %ld accounts in %.1f s\n", accounts,
              duration<double>(steady_clock::now() - t0).count());

  auto sim_settings = sim::test_settings();
  sim_settings.messages_per_minute = rate;
  sim_settings.twitter_rate_limit = 1'000'000;
  sim::simulators sims{sim_settings, {sim::platform::twitter}};

  config cfg;
  cfg.polling.encryption_key = key.to_hex();
  cfg.polling.default_interval_ms = static_cast<uint32_t>(interval.count());
  cfg.simulators.twitter_port = sims.get(sim::platform::twitter).port();

  test::test_config sys_cfg;
  // As the node does (runtime/bootstrap.cpp): one worker per core keeps CAF
  // 0.17's work stealing from going quadratic when many actors wake at once.
  sys_cfg.set(
      "scheduler.max-threads",
      static_cast<size_t>(std::max(2u, std::thread::hardware_concurrency())));
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
  auto w0 = steady_clock::now();
  std::this_thread::sleep_for(measure);
  auto after = stats_of(sys);
  auto wall = duration<double>(steady_clock::now() - w0).count();
  auto cpu = cpu_seconds() - cpu0;
  auto polls = static_cast<double>(polls_of(after) - polls_of(before));
  auto messages = messages_of(after) - messages_of(before);

  std::printf("accounts %ld, interval %lld ms, measured %.1f s\n", accounts,
              static_cast<long long>(interval.count()), wall);
  std::printf("polls/s %.1f (expected %.1f)\n", polls / wall,
              accounts * 1000.0 / interval.count());
  std::printf("lateness p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
              after.lateness_p50_ms, after.lateness_p99_ms,
              after.lateness_max_ms);
  std::printf("cpu %.2f cores, %.1f us per poll (simulator included)\n",
              cpu / wall, polls > 0 ? cpu * 1e6 / polls : 0.0);
  std::printf("rss per account %.0f bytes (pollers, stats, queues)\n",
              (rss_after - rss_before) / static_cast<double>(accounts));
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
