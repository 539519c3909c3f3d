// Benchmark: start lateness of delayed jobs (issue 4). On a private,
// durable PostgreSQL cluster, N no-op jobs are enqueued with run_at spread
// uniformly over [1 s, 10 s] from now; one worker pool (concurrency 50)
// then runs them, waking on its timer for the queue's next run_at minus
// claim_ahead, and starting each claimed job on its own timer. The
// handler notes its start time; lateness = handler start - run_at (both the
// wall clock of this one machine). Prints p50, p99 and max. Not a test.
//
//   bench_delayed_lateness [N] [CONCURRENCY] [CLAIM_AHEAD_MS]
//
//   N               jobs (default 5,000)
//   CONCURRENCY     the pool's concurrency (default 50)
//   CLAIM_AHEAD_MS  [queues] claim_ahead_ms (default: the node's, 100)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <pqxx/pqxx>
#include <random>
#include <thread>
#include <vector>

#include <caf/typed_event_based_actor.hpp>

#include "bench/support/bench_pool.hpp"
#include "bench/support/durable_queue_db.hpp"
#include "persistence/jobs_repo.hpp"

using namespace switchboard;
namespace jobs_repo = switchboard::persistence::jobs_repo;

namespace {

/// Lateness of each start, in microseconds.
struct lateness_log {
  std::mutex mtx;
  std::vector<double> us;

  void add(double x) {
    std::lock_guard<std::mutex> guard{mtx};
    us.push_back(x);
  }

  size_t size() {
    std::lock_guard<std::mutex> guard{mtx};
    return us.size();
  }
};

job_handler_actor::behavior_type
timing_handler(job_handler_actor::pointer, std::shared_ptr<lateness_log> log) {
  return {
      [log](run_job_atom, const job& x) {
        auto late = caf::make_timestamp() - x.run_at;
        log->add(std::chrono::duration<double, std::micro>(late).count());
        return job_completed();
      },
  };
}

double percentile(const std::vector<double>& sorted, double p) {
  auto i = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1));
  return sorted[i];
}

} // namespace

int main(int argc, char** argv) {
  size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 5000;
  auto concurrency = static_cast<uint32_t>(
      argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 50);
  bench::durable_queue_db db;
  std::printf("durable PostgreSQL: %s\n", db.durability().c_str());
  bench::bench_pool pool{db.conninfo(), 4};
  pqxx::connection conn{db.conninfo()};
  std::mt19937_64 rng{42};
  std::uniform_int_distribution<int64_t> spread_us{1'000'000, 10'000'000};
  auto start = caf::make_timestamp();
  std::vector<new_job> jobs;
  for (size_t i = 0; i < n; ++i) {
    new_job x;
    x.queue = "delayed";
    x.kind = "timed";
    x.run_at = start + std::chrono::microseconds{spread_us(rng)};
    jobs.push_back(std::move(x));
  }
  jobs_repo::enqueue(conn, jobs);
  auto log = std::make_shared<lateness_log>();
  worker_pool_options opts;
  opts.queue = "delayed";
  opts.worker = "bench";
  opts.concurrency = concurrency;
  opts.claim_ahead
      = std::chrono::milliseconds{argc > 3 ? std::strtoul(argv[3], nullptr, 10)
                                           : queues_settings{}.claim_ahead_ms};
  opts.handlers["timed"] = [log](caf::actor_system& sys) {
    return sys.spawn(timing_handler, log);
  };
  pool.start(opts);
  // The last job is due 10 s after start; give stragglers 20 s more.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(35);
  while (log->size() < n && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::vector<double> us;
  {
    std::lock_guard<std::mutex> guard{log->mtx};
    us = log->us;
  }
  std::sort(us.begin(), us.end());
  std::printf("claim ahead: %lld ms\n",
              static_cast<long long>(opts.claim_ahead.count()));
  std::printf("delayed: %zu of %zu jobs started, run_at uniform over 1-10 s, "
              "concurrency %u\n",
              us.size(), n, concurrency);
  if (us.empty()) return 1;
  std::printf("start lateness: min %.2f ms, p50 %.2f ms, p99 %.2f ms, "
              "max %.2f ms\n",
              us.front() / 1000, percentile(us, 0.50) / 1000,
              percentile(us, 0.99) / 1000, us.back() / 1000);
  return us.size() == n ? 0 : 1;
}
