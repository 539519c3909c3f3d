#pragma once

// Simulators in-process on ephemeral loopback ports, and the plain Beast
// client of the HTTP tests (tests/io/test_client.hpp) to talk to them.

#include <memory>
#include <string>
#include <vector>

#include "io/sim/simulators.hpp"
#include "tests/io/test_client.hpp"

namespace switchboard::sim::testing {

using namespace std::chrono_literals;
using http::testing::client_response;
using http::testing::header_list;
using http::testing::http_request;
using http::testing::test_connection;

struct sim_fixture {
  sim_fixture() {
    settings.messages_per_minute = 0; // tests choose backlog or rate
  }

  void start(std::vector<platform> which = all_platforms()) {
    sims = std::make_unique<simulators>(settings, std::move(which));
  }

  uint16_t port(platform p) {
    return sims->get(p).port();
  }

  client_response get(platform p, const std::string& target,
                      const header_list& headers = {}) {
    return http_request(port(p), "GET", target, {}, headers);
  }

  client_response post(platform p, const std::string& target,
                       const std::string& body,
                       const header_list& headers = {}) {
    return http_request(port(p), "POST", target, body, headers);
  }

  simulator_settings settings = test_settings();
  std::unique_ptr<simulators> sims;
};

inline header_list bearer(const std::string& token = "user-42") {
  return {{"Authorization", "Bearer " + token}};
}

} // namespace switchboard::sim::testing
