// Benchmark: requests per second through the HTTP client actor over
// keep-alive connections to a loopback server (the client tests' server,
// on its own Asio thread), and the client process's CPU time per request.
// Not a test: it prints figures.
//
//   bench_http_client [N] [C] [P]
//
//   N  requests (default 20,000)
//   C  requests in flight at once (default 32)
//   P  max connections per host (default 8)

#include "messages/http_client.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "io/http/client/http_client_actor.hpp"
#include "io/io_runtime.hpp"
#include "messages/all.hpp"
#include "tests/http_client/test_server.hpp"

using namespace switchboard;
using namespace std::chrono_literals;

namespace {

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](timeval t) {
    return t.tv_sec + t.tv_usec / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

int arg(int argc, char** argv, int index, int fallback) {
  return argc > index ? std::atoi(argv[index]) : fallback;
}

} // namespace

int main(int argc, char** argv) {
  auto total = arg(argc, argv, 1, 20000);
  auto in_flight = arg(argc, argv, 2, 32);
  http_client_settings settings;
  settings.max_connections_per_host = arg(argc, argv, 3, 8);
  http::client::testing::test_server server;
  caf::actor_system_config cfg;
  add_message_types(cfg);
  caf::actor_system sys{cfg};
  io::io_runtime io{1};
  auto client = http::client::spawn_http_client(sys, io.context(), settings);
  http_request request;
  request.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/ok";
  caf::scoped_actor self{sys};
  int sent = 0;
  int ok = 0;
  int failed = 0;
  auto cpu_before = cpu_seconds();
  auto begin = std::chrono::steady_clock::now();
  // Keep `in_flight` requests outstanding: each answer sends the next.
  for (; sent < in_flight && sent < total; ++sent)
    self->send(client, request);
  while (ok + failed < total) {
    self->receive(
        [&](http_response&) {
          ++ok;
        },
        [&](caf::error&) {
          ++failed;
        });
    if (sent < total) {
      self->send(client, request);
      ++sent;
    }
  }
  auto seconds
      = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin)
            .count();
  auto cpu = cpu_seconds() - cpu_before;
  std::printf("requests: %d ok, %d failed, %d in flight, %u connections\n", ok,
              failed, in_flight, settings.max_connections_per_host);
  std::printf("server saw %d connections\n", server.counts().accepted.load());
  std::printf("throughput: %.0f requests/s\n", total / seconds);
  std::printf("process CPU (client + server): %.1f us per request\n",
              cpu / total * 1e6);
  // The client's pools live on the io_context: stop the actor first.
  self->monitor(client);
  self->send_exit(client, caf::exit_reason::user_shutdown);
  self->receive([](const caf::down_msg&) {});
  io.stop();
  return failed == 0 ? 0 : 1;
}
