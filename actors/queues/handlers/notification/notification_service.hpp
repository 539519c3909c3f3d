#pragma once

// The notification handler as a worker pool registers it (kinds push,
// email and sms): one actor that, when it starts, spawns its channel
// senders and its batching writer of `notifications` and links them to
// itself, so they stop when it stops (a pool respawns the whole set).
//
//   table["push"] = table["email"] = table["sms"] =
//       [=](caf::actor_system& sys) {
//         return notify::spawn_notification_service(sys, {cfg.notifications,
//                                                  cfg.database, db, client});
//       };

#include <caf/fwd.hpp>

#include "config/config.hpp"
#include "messages/database.hpp"
#include "messages/http_client.hpp"
#include "messages/queues.hpp"

namespace switchboard::notify {

struct notification_service_options {
  notifications_settings settings;
  /// batch_max_rows and batch_max_delay_ms of the writer.
  database_settings database;
  database_actor db;
  /// Carries push (FCM) and SMS (SMSEagle) requests.
  http_client_actor client;
};

job_handler_actor spawn_notification_service(caf::actor_system& sys,
                                             notification_service_options opts);

} // namespace switchboard::notify
