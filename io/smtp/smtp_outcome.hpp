#pragma once

// Classifies an SMTP transfer's result for the notification job: the SMTP
// reply code decides when there is one (5xx permanent, 4xx transient, as RFC
// 5321 §4.2.1 defines them); otherwise the curl code (network trouble and
// timeouts transient; a bad URL, an unsupported scheme or a refused login
// permanent, since another attempt cannot succeed without a config change).

#include "io/smtp/smtp_client.hpp"
#include "messages/notifications.hpp"

namespace switchboard::smtp {

/// The delivery_result of a transfer; `message_id` becomes the
/// provider_message_id when the server accepted the message.
delivery_result classify(const send_status& status,
                         const std::string& message_id);

} // namespace switchboard::smtp
