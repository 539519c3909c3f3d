#include "io/sim/simulators.hpp"

#include <array>
#include <prometheus/registry.h>
#include <stdexcept>

#include "io/http/server.hpp"
#include "io/io_runtime.hpp"
#include "io/sim/control_routes.hpp"
#include "io/sim/fcm_routes.hpp"
#include "io/sim/fcm_state.hpp"
#include "io/sim/linkedin_routes.hpp"
#include "io/sim/sim_core.hpp"
#include "io/sim/smseagle_routes.hpp"
#include "io/sim/smseagle_state.hpp"
#include "io/sim/twitter_routes.hpp"

namespace switchboard::sim {

namespace {

/// Hangs are held by the simulator itself (a timer, then a reset), so the
/// server's own handler deadline must never answer first.
constexpr uint32_t sim_handler_timeout_ms = 24u * 60 * 60 * 1000;

uint16_t port_of(const simulator_settings& s, platform p) {
  switch (p) {
  case platform::twitter: return s.twitter_port;
  case platform::linkedin: return s.linkedin_port;
  case platform::fcm: return s.fcm_port;
  case platform::smseagle: return s.smseagle_port;
  }
  return 0;
}

http_settings server_settings(const simulator_settings& s, platform p) {
  http_settings out;
  out.bind = s.bind;
  out.port = port_of(s, p);
  out.max_body_bytes = 1024 * 1024;
  out.read_timeout_ms = 30'000;
  out.handler_timeout_ms = sim_handler_timeout_ms;
  return out;
}

} // namespace

// -- names --------------------------------------------------------------------

std::string_view platform_name(platform p) {
  switch (p) {
  case platform::twitter: return "twitter";
  case platform::linkedin: return "linkedin";
  case platform::fcm: return "fcm";
  case platform::smseagle: return "smseagle";
  }
  return "unknown";
}

std::vector<platform> all_platforms() {
  return {platform::twitter, platform::linkedin, platform::fcm,
          platform::smseagle};
}

simulator_settings test_settings() {
  simulator_settings s;
  s.twitter_port = s.linkedin_port = s.fcm_port = s.smseagle_port = 0;
  return s;
}

// -- simulator ----------------------------------------------------------------

simulator::simulator(std::shared_ptr<sim_core> core) : core_(std::move(core)) {
  // nop
}

simulator::~simulator() = default;

platform simulator::kind() const noexcept {
  return core_->kind();
}

uint16_t simulator::port() const noexcept {
  return core_->port();
}

std::string simulator::base_url() const {
  return "http://" + core_->settings().bind + ":" + std::to_string(port());
}

stats_snapshot simulator::stats() const {
  return core_->stats();
}

void simulator::add_fault(fault_rule rule) {
  core_->add_fault(std::move(rule));
}

void simulator::reset() {
  core_->reset();
}

std::chrono::system_clock::time_point simulator::now() const {
  return std::chrono::system_clock::time_point{
      std::chrono::milliseconds{core_->now_ms()}};
}

void simulator::advance_clock(std::chrono::milliseconds by) {
  core_->advance(by);
}

fcm_simulator::fcm_simulator(std::shared_ptr<sim_core> core,
                             std::shared_ptr<fcm_state> state)
    : simulator(std::move(core)), state_(std::move(state)) {
  // nop
}

void fcm_simulator::set_token_state(const std::string& token,
                                    device_state state) {
  state_->set_token_state(token, state);
}

std::vector<fcm_record> fcm_simulator::accepted() const {
  return state_->accepted();
}

smseagle_simulator::smseagle_simulator(std::shared_ptr<sim_core> core,
                                       std::shared_ptr<smseagle_state> state)
    : simulator(std::move(core)), state_(std::move(state)) {
  // nop
}

std::vector<sms_record> smseagle_simulator::accepted() const {
  return state_->accepted();
}

// -- simulators ---------------------------------------------------------------

struct simulators::impl {
  explicit impl(const simulator_settings& settings)
      : runtime(settings.threads) {
    // nop
  }

  ~impl() {
    stop();
  }

  void stop() {
    for (auto& srv : servers)
      if (srv) srv->stop();
    // The cores outlive the runtime's threads: timers capture them.
    runtime.stop();
  }

  void start(const simulator_settings& settings, platform p) {
    auto core = std::make_shared<sim_core>(p, settings, runtime.context());
    http::router routes{""};
    add_control_routes(routes, core);
    std::unique_ptr<simulator> sim;
    switch (p) {
    case platform::twitter:
      add_twitter_routes(routes, core);
      sim.reset(new simulator(core));
      break;
    case platform::linkedin:
      add_linkedin_routes(routes, core);
      sim.reset(new simulator(core));
      break;
    case platform::fcm: {
      auto state = std::make_shared<fcm_state>();
      add_fcm_routes(routes, core, state);
      sim.reset(new fcm_simulator(core, state));
      break;
    }
    case platform::smseagle: {
      auto state = std::make_shared<smseagle_state>();
      add_smseagle_routes(routes, core, state);
      sim.reset(new smseagle_simulator(core, state));
      break;
    }
    }
    auto& srv = servers[index(p)];
    srv = std::make_unique<http::server>(runtime.context(),
                                         server_settings(settings, p),
                                         std::move(routes), *registry);
    srv->start();
    core->set_port(srv->port());
    sims[index(p)] = std::move(sim);
  }

  static std::size_t index(platform p) {
    return static_cast<std::size_t>(p);
  }

  io::io_runtime runtime;
  std::shared_ptr<prometheus::Registry> registry
      = std::make_shared<prometheus::Registry>();
  std::array<std::unique_ptr<http::server>, 4> servers;
  std::array<std::unique_ptr<simulator>, 4> sims;
};

simulators::simulators(const simulator_settings& settings,
                       std::vector<platform> which)
    : impl_(std::make_unique<impl>(settings)) {
  for (auto p : which)
    impl_->start(settings, p);
}

simulators::~simulators() = default;

bool simulators::has(platform p) const {
  return impl_->sims[impl::index(p)] != nullptr;
}

simulator& simulators::get(platform p) {
  auto& sim = impl_->sims[impl::index(p)];
  if (!sim)
    throw std::out_of_range{"simulator not started: "
                            + std::string{platform_name(p)}};
  return *sim;
}

simulator& simulators::twitter() {
  return get(platform::twitter);
}

simulator& simulators::linkedin() {
  return get(platform::linkedin);
}

fcm_simulator& simulators::fcm() {
  return static_cast<fcm_simulator&>(get(platform::fcm));
}

smseagle_simulator& simulators::smseagle() {
  return static_cast<smseagle_simulator&>(get(platform::smseagle));
}

void simulators::stop() {
  impl_->stop();
}

} // namespace switchboard::sim
