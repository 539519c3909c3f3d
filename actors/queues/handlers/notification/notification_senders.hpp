#pragma once

// The senders a configuration asks for: push when notifications.
// fcm_project_id is set, sms when notifications.smseagle_base_url is set,
// e-mail always (smtp_url has a default).

#include <caf/fwd.hpp>

#include "actors/queues/handlers/notification/notification_handler.hpp"
#include "config/config.hpp"
#include "messages/http_client.hpp"

namespace switchboard::notify {

notification_senders
spawn_notification_senders(caf::actor_system& sys,
                           const notifications_settings& settings,
                           http_client_actor client);

} // namespace switchboard::notify
