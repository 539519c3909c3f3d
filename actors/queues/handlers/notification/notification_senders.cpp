#include "actors/queues/handlers/notification/notification_senders.hpp"

#include "actors/queues/handlers/notification/email_sender.hpp"
#include "actors/queues/handlers/notification/http_sender.hpp"

namespace switchboard::notify {

notification_senders
spawn_notification_senders(caf::actor_system& sys,
                           const notifications_settings& settings,
                           http_client_actor client) {
  notification_senders result;
  if (!settings.fcm_project_id.empty())
    result.push = spawn_fcm_sender(sys, client, settings);
  if (!settings.smseagle_base_url.empty())
    result.sms = spawn_smseagle_sender(sys, client, settings);
  result.email = spawn_email_sender(sys, smtp_server_of(settings));
  return result;
}

} // namespace switchboard::notify
