#pragma once

// The e-mail channel sender. libcurl's SMTP client blocks, so each delivery
// runs on a detached one-shot actor (a thread of its own) and the sender
// delegates the request to it: the sender itself never blocks and serves
// deliveries concurrently (the queue's concurrency bounds how many).
// (actors/queues/blocking_handler.hpp does the same for whole jobs; here the
// protocol is a delivery, not a job.)

#include <caf/fwd.hpp>

#include "config/config.hpp"
#include "io/smtp/smtp_client.hpp"
#include "messages/notifications.hpp"

namespace switchboard::notify {

/// The SMTP server a configuration describes.
smtp::server smtp_server_of(const notifications_settings& settings);

notification_sender_actor spawn_email_sender(caf::actor_system& sys,
                                             smtp::server server);

} // namespace switchboard::notify
