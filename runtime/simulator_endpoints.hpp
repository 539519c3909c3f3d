#pragma once

// Where a node with simulators.enabled sends its notifications. The pollers
// find the simulators through cfg.simulators (runtime/polling_wiring.cpp);
// the FCM and SMSEagle senders read cfg.notifications, so a channel that the
// user left entirely unconfigured is pointed at its simulator here, with
// placeholder credentials the simulators accept. A channel with any of its
// keys set keeps them: explicit configuration always wins.

#include "config/config.hpp"

namespace switchboard {

/// The Firebase project and access token a simulator-bound FCM channel
/// uses: the simulator accepts any, and neither is a secret.
inline constexpr const char* simulator_fcm_project = "switchboard-sim";
inline constexpr const char* simulator_access_token = "simulator-token";

/// Whether any FCM key differs from its default.
bool fcm_configured(const notifications_settings& n);

/// Whether any SMSEagle endpoint key differs from its default.
bool smseagle_configured(const notifications_settings& n);

/// `cfg` with its unconfigured FCM and SMSEagle channels pointed at the
/// simulators of `cfg.simulators` (whose ports must be the bound ones);
/// `cfg` unchanged when simulators are disabled.
config with_simulator_endpoints(config cfg);

} // namespace switchboard
