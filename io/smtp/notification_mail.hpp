#pragma once

// A notification as an e-mail, end to end: template, headers, send,
// classification. Blocking (see smtp_client.hpp).

#include "io/smtp/smtp_client.hpp"
#include "messages/notifications.hpp"

namespace switchboard::smtp {

/// Sends `n` (type email) to n.email through `s`. The provider_message_id of
/// a delivered message is its Message-ID.
delivery_result deliver_email(const server& s, const notification& n);

} // namespace switchboard::smtp
