#pragma once

// A channel sender over the HTTP client (push through FCM, SMS through
// SMSEagle): it builds the provider's request with a pure codec, sends it
// through the client actor and classifies the answer with the codec. A
// network error or a missing answer is a transient failure.

#include <cstdint>
#include <functional>

#include <caf/fwd.hpp>

#include "config/config.hpp"
#include "messages/http_client.hpp"
#include "messages/notifications.hpp"

namespace switchboard::notify {

struct http_sender_options {
  std::function<http_request(const notification&)> build;
  std::function<delivery_result(const http_response&)> parse;
  /// The whole request's limit (ms).
  uint32_t timeout_ms = 20000;
};

notification_sender_actor spawn_http_sender(caf::actor_system& sys,
                                            http_client_actor client,
                                            http_sender_options opts);

/// Push through FCM HTTP v1 as `settings` configure it.
notification_sender_actor
spawn_fcm_sender(caf::actor_system& sys, http_client_actor client,
                 const notifications_settings& settings);

/// SMS through SMSEagle API v2 as `settings` configure it.
notification_sender_actor
spawn_smseagle_sender(caf::actor_system& sys, http_client_actor client,
                      const notifications_settings& settings);

} // namespace switchboard::notify
