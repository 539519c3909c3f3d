#include "runtime/embedded_simulators.hpp"

#include <spdlog/spdlog.h>
#include <stdexcept>
#include <system_error>

#include "io/sim/simulators.hpp"

namespace switchboard {

namespace {

uint16_t& port_field(simulator_settings& s, sim::platform p) {
  switch (p) {
  case sim::platform::twitter: return s.twitter_port;
  case sim::platform::linkedin: return s.linkedin_port;
  case sim::platform::fcm: return s.fcm_port;
  case sim::platform::smseagle: return s.smseagle_port;
  }
  return s.twitter_port;
}

std::unique_ptr<sim::simulators> start(const simulator_settings& settings) {
  try {
    return std::make_unique<sim::simulators>(settings);
  } catch (const std::system_error& e) {
    // The most likely holder is a `switchboard sim` started out of habit:
    // say so, rather than leave the user to guess from "address in use".
    throw std::runtime_error(
        "cannot start the simulators (" + describe_simulator_ports(settings)
        + "): " + e.what()
        + "; `run` starts them itself, so stop any `switchboard sim` on these"
          " ports, choose other simulators.*_port values, or set"
          " simulators.enabled = false to use the real platforms");
  }
}

} // namespace

std::string describe_simulator_ports(const simulator_settings& settings) {
  auto copy = settings;
  std::string out;
  for (auto p : sim::all_platforms()) {
    if (!out.empty()) out += ", ";
    out += std::string{sim::platform_name(p)} + " "
           + std::to_string(port_field(copy, p));
  }
  return out;
}

embedded_simulators::embedded_simulators(const simulator_settings& settings)
    : sims_(start(settings)), bound_(settings) {
  for (auto p : sim::all_platforms()) {
    auto& sim = sims_->get(p);
    port_field(bound_, p) = sim.port();
    spdlog::info("simulators: {} at {}", sim::platform_name(p), sim.base_url());
  }
}

embedded_simulators::~embedded_simulators() = default;

void embedded_simulators::stop() {
  sims_->stop();
}

} // namespace switchboard
