#pragma once

// A real actor system with the client actor on its own Asio thread, and
// helpers that ask it like a gateway would.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include "config/config.hpp"
#include "io/http/client/http_client_actor.hpp"
#include "io/io_runtime.hpp"
#include "messages/all.hpp"
#include "messages/error.hpp"
#include "messages/http_client.hpp"
#include "tests/support/wait_until.hpp"

namespace switchboard::http::client::testing {

using namespace std::chrono_literals;
using outcome = caf::expected<http_response>;
using switchboard::test::wait_until;

struct client_fixture {
  client_fixture() {
    add_message_types(cfg);
    sys = std::make_unique<caf::actor_system>(cfg);
    io = std::make_unique<io::io_runtime>(1);
  }

  // The client actor's pools live on the io_context: the actor must be
  // gone before the context is.
  ~client_fixture() {
    if (client) {
      caf::scoped_actor self{*sys};
      self->monitor(client);
      self->send_exit(client, caf::exit_reason::user_shutdown);
      self->receive([](const caf::down_msg&) {});
    }
    io->stop();
    io.reset();
    sys.reset();
  }

  void start(const http_client_settings& settings = {}) {
    client = spawn_http_client(*sys, io->context(), settings);
  }

  static http_request get(const std::string& url) {
    http_request result;
    result.url = url;
    return result;
  }

  static std::string local(uint16_t port, const std::string& target) {
    return "http://127.0.0.1:" + std::to_string(port) + target;
  }

  outcome call(const http_request& request) {
    return call_all({request}).front();
  }

  /// Sends every request at once, then collects the outcomes in order.
  std::vector<outcome> call_all(const std::vector<http_request>& requests) {
    caf::scoped_actor self{*sys};
    using handle_type = decltype(self->request(client, 60s, requests[0]));
    std::vector<handle_type> handles;
    std::vector<outcome> results;
    for (auto& request : requests)
      handles.push_back(self->request(client, 60s, request));
    for (auto& handle : handles)
      handle.receive(
          [&](http_response& res) {
            results.emplace_back(std::move(res));
          },
          [&](caf::error& err) {
            results.emplace_back(std::move(err));
          });
    return results;
  }

  http_client_stats stats() {
    caf::scoped_actor self{*sys};
    http_client_stats result;
    self->request(client, 5s, http_stats_atom_v)
        .receive(
            [&](http_client_stats& x) {
              result = x;
            },
            [&](caf::error&) {});
    return result;
  }

  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;
  std::unique_ptr<io::io_runtime> io;
  http_client_actor client;
};

/// The errc of a failed outcome, none for a response.
inline errc code_of(const outcome& x) {
  if (x) return errc::none;
  return static_cast<errc>(x.error().code());
}

} // namespace switchboard::http::client::testing
