#pragma once

// Readable texts for librabbitmq's replies (internal to io/amqp). They carry
// the broker's reply code and text, never credentials.

#include <amqp.h>
#include <string>

namespace switchboard::io::amqp {

/// "connection closed by the broker: 403 ACCESS_REFUSED - ...", the
/// library's error string, ...
std::string reply_text(const amqp_rpc_reply_t& reply);

/// A channel.close or connection.close method as text.
std::string method_text(const amqp_method_t& method);

} // namespace switchboard::io::amqp
