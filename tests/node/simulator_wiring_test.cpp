// What `switchboard run` does with simulators.enabled, short of running a
// node: the in-process simulators bind (and a taken port is a clear error),
// the notification channels left unconfigured point at them, and the demo
// accounts a fresh node connects.

#define CAF_SUITE node.simulators
#include <boost/asio/ip/tcp.hpp>
#include <stdexcept>
#include <string>

#include "caf/test/unit_test.hpp"

#include "config/config.hpp"
#include "runtime/demo_accounts.hpp"
#include "runtime/embedded_simulators.hpp"
#include "runtime/simulator_endpoints.hpp"

using namespace switchboard;

namespace {

config with_ports(uint16_t fcm, uint16_t smseagle) {
  config cfg;
  cfg.simulators.fcm_port = fcm;
  cfg.simulators.smseagle_port = smseagle;
  return cfg;
}

simulator_settings ephemeral() {
  simulator_settings s;
  s.twitter_port = s.linkedin_port = s.fcm_port = s.smseagle_port = 0;
  return s;
}

} // namespace

CAF_TEST(unconfigured channels point at the simulators) {
  auto cfg = with_simulator_endpoints(with_ports(40001, 40002));
  const auto& n = cfg.notifications;
  CAF_CHECK_EQUAL(n.fcm_base_url, "http://127.0.0.1:40001");
  CAF_CHECK_EQUAL(n.fcm_project_id, simulator_fcm_project);
  CAF_CHECK(!n.fcm_access_token.empty());
  CAF_CHECK_EQUAL(n.smseagle_base_url, "http://127.0.0.1:40002");
  CAF_CHECK(!n.smseagle_access_token.empty());
}

CAF_TEST(a channel with any key set keeps its configuration) {
  auto cfg = with_ports(40001, 40002);
  cfg.notifications.fcm_project_id = "real-project";
  cfg.notifications.smseagle_access_token = "device-token";
  auto out = with_simulator_endpoints(cfg).notifications;
  CAF_CHECK_EQUAL(out.fcm_base_url, "https://fcm.googleapis.com");
  CAF_CHECK_EQUAL(out.fcm_project_id, "real-project");
  CAF_CHECK(out.fcm_access_token.empty());
  CAF_CHECK(out.smseagle_base_url.empty());
  CAF_CHECK_EQUAL(out.smseagle_access_token, "device-token");
  cfg = with_ports(40001, 40002);
  cfg.notifications.fcm_base_url = "https://fcm.example.org";
  CAF_CHECK(fcm_configured(cfg.notifications));
  CAF_CHECK(!smseagle_configured(cfg.notifications));
}

CAF_TEST(disabled simulators change nothing) {
  auto cfg = with_ports(40001, 40002);
  cfg.simulators.enabled = false;
  auto out = with_simulator_endpoints(cfg).notifications;
  CAF_CHECK_EQUAL(out.fcm_base_url, "https://fcm.googleapis.com");
  CAF_CHECK(out.fcm_project_id.empty());
  CAF_CHECK(out.smseagle_base_url.empty());
  CAF_CHECK(demo_accounts(cfg).empty());
}

CAF_TEST(demo accounts per polled platform) {
  config cfg;
  auto accounts = demo_accounts(cfg);
  CAF_REQUIRE_EQUAL(accounts.size(), 4u);
  CAF_CHECK_EQUAL(accounts[0].id, "demo-twitter-1");
  CAF_CHECK_EQUAL(accounts[0].platform, "twitter");
  // The Twitter/X simulator reads the user from the token.
  CAF_CHECK_EQUAL(accounts[0].access_token.value,
                  "user-" + accounts[0].user_id);
  CAF_CHECK_EQUAL(accounts[1].id, "demo-linkedin-1");
  CAF_CHECK_EQUAL(accounts[1].platform, "linkedin");
  CAF_CHECK(!accounts[1].access_token.value.empty());
  CAF_CHECK_EQUAL(accounts[3].id, "demo-linkedin-2");
  CAF_CHECK_NOT_EQUAL(accounts[0].user_id, accounts[2].user_id);
  for (const auto& acc : accounts)
    CAF_CHECK_EQUAL(acc.poll_interval_ms, 15000);
  cfg.polling.default_interval_ms = 2000;
  CAF_CHECK_EQUAL(demo_accounts(cfg).at(0).poll_interval_ms, 2000);
  cfg.simulators.demo_accounts = 0;
  CAF_CHECK(demo_accounts(cfg).empty());
}

CAF_TEST(embedded simulators report the ports they bound) {
  embedded_simulators sims{ephemeral()};
  const auto& b = sims.bound();
  CAF_CHECK_NOT_EQUAL(b.twitter_port, 0);
  CAF_CHECK_NOT_EQUAL(b.linkedin_port, 0);
  CAF_CHECK_NOT_EQUAL(b.fcm_port, 0);
  CAF_CHECK_NOT_EQUAL(b.smseagle_port, 0);
  CAF_CHECK_NOT_EQUAL(b.twitter_port, b.fcm_port);
  sims.stop();
  sims.stop(); // idempotent
}

CAF_TEST(a taken simulator port is a clear error) {
  namespace net = boost::asio;
  net::io_context ctx;
  net::ip::tcp::acceptor taken{ctx, {net::ip::make_address("127.0.0.1"), 0}};
  auto settings = ephemeral();
  settings.linkedin_port = taken.local_endpoint().port();
  std::string what;
  try {
    embedded_simulators sims{settings};
  } catch (const std::runtime_error& e) {
    what = e.what();
  }
  CAF_CHECK_NOT_EQUAL(what.find(std::to_string(settings.linkedin_port)),
                      std::string::npos);
  CAF_CHECK_NOT_EQUAL(what.find("switchboard sim"), std::string::npos);
  CAF_CHECK_NOT_EQUAL(what.find("simulators.enabled"), std::string::npos);
  CAF_MESSAGE(what);
}
