#pragma once

// The polling domain's children (issue 3): the polling manager, published
// under polling_manager_atom, which spawns one account poller per active
// account of a polled platform under the same (polling) supervisor.

#include <memory>
#include <vector>

#include "config/config.hpp"
#include "io/gateways/poll_gateway.hpp"
#include "messages/supervision.hpp"

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard::crypto {
class keyring;
} // namespace switchboard::crypto

namespace switchboard {

/// The key ring of tokens and message bodies ([polling] encryption_key or
/// key_file, generated in the data directory on first start).
std::shared_ptr<const crypto::keyring> polling_keyring(const config& cfg);

/// Where the pollers send their requests: the simulators when
/// simulators.enabled, else the platforms.
gateways::gateway_endpoints polling_endpoints(const config& cfg);

/// The children of the polling supervisor.
std::vector<child_spec> polling_children(const config& cfg,
                                         prometheus::Registry* metrics);

} // namespace switchboard
