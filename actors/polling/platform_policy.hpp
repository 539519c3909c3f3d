#pragma once

// Which platforms are polled (seed 000 "Webhook vs Polling Platforms"):
// Twitter/X and LinkedIn are; Telegram, Instagram, WhatsApp, Facebook and
// Teams deliver by webhook and get no poller.

#include <string>
#include <string_view>
#include <vector>

namespace switchboard::polling {

/// Every platform the hub knows, polled or not, in a fixed order.
const std::vector<std::string>& known_platforms();

/// The platforms that need polling (the seed's getPollingPlatforms()).
const std::vector<std::string>& polling_platforms();

/// Whether `platform` is polled (the seed's needsPolling()); false for
/// webhook platforms and unknown names.
bool needs_polling(std::string_view platform);

bool is_known_platform(std::string_view platform);

} // namespace switchboard::polling
