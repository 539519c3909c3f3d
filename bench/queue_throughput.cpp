// Benchmark: durable queue throughput (issue 4). On a private PostgreSQL
// cluster with fsync, synchronous_commit and full_page_writes on:
// (1) bulk enqueue of N no-op jobs through jobs_repo::enqueue in batches
//     (one transaction and one commit per batch) from WRITERS connections side
//     by side, in jobs/s;
// (2) then one worker pool of the given concurrency processing all of them
//     end to end (claim, the noop handler, the batched complete), in jobs/s,
//     from the pool's start until every job is completed in the database.
// Not a test: it prints figures and asserts no speed. With (1) it prints the
// CPU time per job of this process and of the writers' PostgreSQL backends:
// on a shared machine those vary less than the rate.
//
//   bench_queue_throughput [N] [BATCH] [CONCURRENCY] [CLAIM_BATCH] [WRITERS]
//                          [TRIPS] [PAYLOAD]
//
//   N            jobs (default 100,000)
//   BATCH        jobs per enqueue statement (default 1,000)
//   CONCURRENCY  the pool's concurrency (default 50; 0: enqueue only)
//   CLAIM_BATCH  most jobs claimed per round trip (default 50)
//   WRITERS      connections enqueueing side by side (default 2)
//   TRIPS        the pool's round trips in flight (default: the node's, 1)
//   PAYLOAD      each job's payload, JSON text (default {})
//
// With SB_BENCH_STATEMENTS=1 the server runs pg_stat_statements and the
// bench prints the processing phase's costliest statements.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <pqxx/pqxx>
#include <sys/resource.h>
#include <thread>
#include <vector>

#include "actors/queues/blocking_handler.hpp"
#include "bench/support/bench_pool.hpp"
#include "bench/support/durable_queue_db.hpp"
#include "persistence/jobs_repo.hpp"

using namespace switchboard;
using clock_type = std::chrono::steady_clock;
namespace jobs_repo = switchboard::persistence::jobs_repo;

namespace {

size_t arg(int argc, char** argv, int i, size_t fallback) {
  return argc > i ? std::strtoull(argv[i], nullptr, 10) : fallback;
}

double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

int64_t completed(pqxx::connection& conn) {
  pqxx::read_transaction tx{conn};
  return tx.exec1("SELECT count(*) FROM jobs WHERE state = 'completed'")[0]
      .as<int64_t>();
}

// CPU seconds this process used so far (all threads).
double own_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// CPU seconds process `pid` (a PostgreSQL backend: one thread) ran so far,
// from /proc/<pid>/schedstat (nanoseconds).
double backend_cpu_seconds(int pid) {
  std::ifstream in{"/proc/" + std::to_string(pid) + "/schedstat"};
  double ns = 0;
  in >> ns;
  return ns / 1e9;
}

// The server's client backends now (the pool's connections among them).
std::vector<int> client_backends(pqxx::connection& conn) {
  pqxx::read_transaction tx{conn};
  std::vector<int> pids;
  for (auto row : tx.exec("SELECT pid FROM pg_stat_activity"
                          " WHERE backend_type = 'client backend'"))
    pids.push_back(row[0].as<int>());
  return pids;
}

double cpu_seconds_of(const std::vector<int>& pids) {
  double total = 0;
  for (auto pid : pids)
    total += backend_cpu_seconds(pid);
  return total;
}

// `writers` connections enqueue batches side by side, as concurrent bulk
// requests do through the node's database pool; their commits overlap.
// Returns the CPU seconds their backends spent on it.
double enqueue_all(const std::string& conninfo, size_t n, size_t batch,
                   size_t writers, const std::string& payload) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  std::vector<double> backend_cpu(writers, 0.0);
  for (size_t w = 0; w < writers; ++w)
    threads.emplace_back([&, w] {
      pqxx::connection conn{conninfo};
      auto cpu0 = backend_cpu_seconds(conn.backendpid());
      new_job x;
      x.queue = "bench";
      x.kind = "noop";
      x.payload = payload;
      for (auto done = next.fetch_add(batch); done < n;
           done = next.fetch_add(batch))
        jobs_repo::enqueue(conn,
                           std::vector<new_job>(std::min(batch, n - done), x));
      backend_cpu[w] = backend_cpu_seconds(conn.backendpid()) - cpu0;
    });
  for (auto& t : threads)
    t.join();
  double total = 0;
  for (auto cpu : backend_cpu)
    total += cpu;
  return total;
}

} // namespace

int main(int argc, char** argv) {
  auto n = arg(argc, argv, 1, 100000);
  auto batch = arg(argc, argv, 2, 1000);
  auto concurrency = static_cast<uint32_t>(arg(argc, argv, 3, 50));
  auto claim_batch = static_cast<uint32_t>(arg(argc, argv, 4, 50));
  auto writers = std::max<size_t>(1, arg(argc, argv, 5, 2));
  auto trips = static_cast<uint32_t>(
      arg(argc, argv, 6, queues_settings{}.trips_in_flight));
  std::string payload = argc > 7 ? argv[7] : "{}";
  auto prefetch_below = std::chrono::milliseconds{
      arg(argc, argv, 8, queues_settings{}.prefetch_below_ms)};
  bench::durable_queue_db db;
  std::printf("durable PostgreSQL: %s\n", db.durability().c_str());
  std::fprintf(stderr, "database: %s\n", db.conninfo().c_str());
  pqxx::connection conn{db.conninfo()};
  auto t0 = clock_type::now();
  auto own_cpu0 = own_cpu_seconds();
  auto backends_cpu = enqueue_all(db.conninfo(), n, batch, writers, payload);
  auto enqueue_s = seconds_since(t0);
  auto own_cpu = own_cpu_seconds() - own_cpu0;
  auto us_per_job = [n](double seconds) {
    return seconds * 1e6 / static_cast<double>(n);
  };
  std::printf("enqueue: %zu jobs in batches of %zu over %zu connections: "
              "%.3f s, %.0f jobs/s; CPU per job: %.1f us here, %.1f us in "
              "the writers' backends\n",
              n, batch, writers, enqueue_s, static_cast<double>(n) / enqueue_s,
              us_per_job(own_cpu), us_per_job(backends_cpu));
  if (concurrency == 0) return 0;
  {
    // Connections: one for the round trip in flight, spares for heartbeats.
    bench::bench_pool pool{db.conninfo(), 4};
    worker_pool_options opts;
    opts.queue = "bench";
    opts.worker = "bench";
    opts.concurrency = concurrency;
    opts.claim_batch = claim_batch;
    opts.trips_in_flight = trips;
    opts.prefetch_below = prefetch_below;
    opts.claim_ahead
        = std::chrono::milliseconds{queues_settings{}.claim_ahead_ms};
    opts.handlers["noop"] = [](caf::actor_system& sys) {
      return make_noop_handler(sys);
    };
    db.reset_statements();
    auto backends = client_backends(conn);
    auto backends_cpu0 = cpu_seconds_of(backends);
    auto own_cpu1 = own_cpu_seconds();
    auto t1 = clock_type::now();
    pool.start(opts);
    // The pool's own count first (cheap), then the database's.
    while (pool.processed() < n)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    while (completed(conn) < static_cast<int64_t>(n))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto process_s = seconds_since(t1);
    std::printf("process: %zu jobs, concurrency %u, claim batch %u, %u trips "
                "in flight, prefetch below %lld ms: %.3f s, %.0f jobs/s end to "
                "end; CPU per job: "
                "%.1f us here, %.1f us in the backends\n",
                n, concurrency, claim_batch, trips,
                static_cast<long long>(prefetch_below.count()), process_s,
                static_cast<double>(n) / process_s,
                us_per_job(own_cpu_seconds() - own_cpu1),
                us_per_job(cpu_seconds_of(backends) - backends_cpu0));
  }
  std::printf("%s", db.statements().c_str());
  return 0;
}
