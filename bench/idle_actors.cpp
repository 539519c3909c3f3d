// Benchmark: N idle event-based actors as children of one supervisor.
// Prints the time to spawn them (in batches of 10,000, as issue 3 will start
// account pollers), the resident memory per idle actor (RSS from
// /proc/self/statm, supervisor bookkeeping included) and the time to stop
// them all through the supervisor. Not a test: it prints figures.
//
//   bench_idle_actors [N] [--lazy] [--bare] [CAF options]
//
//   N       actors to spawn (default 1,000,000)
//   --lazy  spawn with caf::lazy_init: an idle actor is not scheduled
//           until its first message
//   --bare  no supervisor: spawn from a scoped actor and keep the handles,
//           to show what the supervisor adds
//   CAF options, e.g. --scheduler.max-threads=2 --scheduler.policy=sharing

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/defaults.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>

#include "messages/all.hpp"
#include "runtime/supervision/supervisor.hpp"

using namespace switchboard;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr std::size_t batch_size = 10000;

struct bench_args {
  std::size_t count = 1000000;
  bool lazy = false;
  bool bare = false;
  /// What is left for CAF's own option parser.
  std::vector<char*> caf_args;
};

bench_args parse_args(int argc, char** argv) {
  bench_args result;
  result.caf_args.push_back(argv[0]);
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--lazy") == 0)
      result.lazy = true;
    else if (std::strcmp(argv[i], "--bare") == 0)
      result.bare = true;
    else if (argv[i][0] != '-')
      result.count = static_cast<std::size_t>(std::stoull(argv[i]));
    else
      result.caf_args.push_back(argv[i]);
  }
  return result;
}

/// Resident set size of this process in bytes.
std::size_t rss_bytes() {
  std::ifstream statm{"/proc/self/statm"};
  std::size_t total_pages = 0;
  std::size_t resident_pages = 0;
  statm >> total_pages >> resident_pages;
  return resident_pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

/// An actor that waits for a message that never comes.
caf::behavior idle(caf::event_based_actor*) {
  return {
      [](caf::get_atom) {
        // nop
      },
  };
}

start_fn idle_start(bool lazy) {
  return lazy ? spawn_fn<caf::lazy_init>(idle) : spawn_fn(idle);
}

/// Starts `n` children in batches; returns how many were started.
uint64_t spawn_supervised(caf::scoped_actor& self, const supervisor_actor& sup,
                          std::size_t n, bool lazy) {
  auto tmpl = make_template("idle", idle_start(lazy), restart_type::permanent);
  uint64_t started = 0;
  auto on_error = [&](caf::error& err) {
    std::fprintf(stderr, "spawn failed: %s\n",
                 self->system().render(err).c_str());
  };
  for (std::size_t first = 0; first < n; first += batch_size) {
    child_batch batch{tmpl, {}};
    for (auto i = first; i < n && i < first + batch_size; ++i)
      batch.names.push_back("idle-" + std::to_string(i));
    self->request(sup, caf::infinite, caf::spawn_atom_v, std::move(batch))
        .receive(
            [&](uint64_t count) {
              started += count;
            },
            on_error);
  }
  return started;
}

/// Stops the supervisor and waits for its DOWN message.
void stop_supervised(caf::scoped_actor& self, const supervisor_actor& sup) {
  self->monitor(sup);
  self->send_exit(sup, caf::exit_reason::user_shutdown);
  self->receive([](const caf::down_msg&) {
    // nop
  });
}

struct figures {
  uint64_t started = 0;
  double spawn_secs = 0;
  double stop_secs = 0;
  std::size_t rss_before = 0;
  std::size_t rss_alive = 0;
};

figures run_supervised(caf::actor_system& sys, const bench_args& args) {
  caf::scoped_actor self{sys};
  supervisor_options opts;
  opts.name = "bench";
  opts.shutdown_deadline = std::chrono::minutes(5);
  auto sup = spawn_supervisor(sys, opts);
  figures result;
  result.rss_before = rss_bytes();
  auto start = clock_type::now();
  result.started = spawn_supervised(self, sup, args.count, args.lazy);
  result.spawn_secs = seconds_since(start);
  result.rss_alive = rss_bytes();
  start = clock_type::now();
  stop_supervised(self, sup);
  result.stop_secs = seconds_since(start);
  return result;
}

figures run_bare(caf::actor_system& sys, const bench_args& args) {
  std::vector<caf::actor> actors;
  actors.reserve(args.count);
  figures result;
  result.rss_before = rss_bytes();
  auto start = clock_type::now();
  for (std::size_t i = 0; i < args.count; ++i)
    actors.push_back(args.lazy ? sys.spawn<caf::lazy_init>(idle)
                               : sys.spawn(idle));
  result.started = actors.size();
  result.spawn_secs = seconds_since(start);
  result.rss_alive = rss_bytes();
  start = clock_type::now();
  for (auto& hdl : actors)
    caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
  actors.clear();
  sys.registry().await_running_count_equal(0);
  result.stop_secs = seconds_since(start);
  return result;
}

void print(const caf::actor_system& sys, const bench_args& args,
           const figures& f) {
  auto n = static_cast<double>(f.started ? f.started : 1);
  auto threads = caf::get_or(sys.config(), "scheduler.max-threads",
                             caf::defaults::scheduler::max_threads);
  auto policy = caf::get_or(sys.config(), "scheduler.policy",
                            caf::defaults::scheduler::policy);
  std::printf("mode:                  %s%s\n",
              args.bare ? "bare (no supervisor)" : "one supervisor",
              args.lazy ? ", lazy_init" : "");
  std::printf("scheduler:             %s, %zu threads\n",
              to_string(policy).c_str(), threads);
  std::printf("idle actors:           %llu\n",
              static_cast<unsigned long long>(f.started));
  std::printf("spawn:                 %.3f s (%.2f us per actor)\n",
              f.spawn_secs, f.spawn_secs * 1e6 / n);
  std::printf("stop:                  %.3f s (%.2f us per actor)\n",
              f.stop_secs, f.stop_secs * 1e6 / n);
  std::printf("rss before / alive:    %.1f MiB / %.1f MiB\n",
              static_cast<double>(f.rss_before) / (1 << 20),
              static_cast<double>(f.rss_alive) / (1 << 20));
  std::printf("memory per idle actor: %.0f bytes\n",
              static_cast<double>(f.rss_alive - f.rss_before) / n);
}

} // namespace

int main(int argc, char** argv) {
  auto args = parse_args(argc, argv);
  caf::actor_system_config cfg;
  add_message_types(cfg);
  if (auto err = cfg.parse(static_cast<int>(args.caf_args.size()),
                           args.caf_args.data())) {
    std::fprintf(stderr, "bad option: %s\n", to_string(err).c_str());
    return 2;
  }
  caf::actor_system sys{cfg};
  auto f = args.bare ? run_bare(sys, args) : run_supervised(sys, args);
  print(sys, args, f);
  return f.started == args.count ? 0 : 1;
}
