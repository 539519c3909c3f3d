#include "runtime/simulator_endpoints.hpp"

#include <string>

namespace switchboard {

namespace {

std::string simulator_url(const simulator_settings& s, uint16_t port) {
  return "http://" + s.bind + ":" + std::to_string(port);
}

} // namespace

bool fcm_configured(const notifications_settings& n) {
  const notifications_settings defaults;
  return n.fcm_base_url != defaults.fcm_base_url || !n.fcm_project_id.empty()
         || !n.fcm_access_token.empty();
}

bool smseagle_configured(const notifications_settings& n) {
  return !n.smseagle_base_url.empty() || !n.smseagle_access_token.empty();
}

config with_simulator_endpoints(config cfg) {
  const auto& sims = cfg.simulators;
  if (!sims.enabled) return cfg;
  auto& n = cfg.notifications;
  if (!fcm_configured(n)) {
    n.fcm_base_url = simulator_url(sims, sims.fcm_port);
    n.fcm_project_id = simulator_fcm_project;
    n.fcm_access_token = simulator_access_token;
  }
  if (!smseagle_configured(n)) {
    n.smseagle_base_url = simulator_url(sims, sims.smseagle_port);
    n.smseagle_access_token = simulator_access_token;
  }
  return cfg;
}

} // namespace switchboard
