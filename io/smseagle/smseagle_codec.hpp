#pragma once

// SMSEagle API v2 send (specs/SMSEAGLE-APIv2.md, POST /api/v2/messages/sms)
// as pure functions: the request for one notification and the
// classification of the answer.
//
// Success means the device queued the message (per-recipient status
// "queued"); the outbox id is the provider_message_id. A per-recipient status
// other than "queued", a 4xx (bad number, bad or unauthorised token) are
// permanent; 408, 429 and 5xx are transient.

#include <string>
#include <string_view>

#include "messages/http_client.hpp"
#include "messages/notifications.hpp"

namespace switchboard::smseagle {

struct endpoint {
  /// Scheme, host, port and optional prefix, e.g. https://gw.lan or
  /// https://gw.lan/index.php; /api/v2/... is appended.
  std::string base_url;
  /// The API v2 token, sent as the access-token header.
  std::string access_token;
};

/// The SMS text of a notification: "title\nbody", or the body alone when
/// there is no title.
std::string sms_text(const notification& n);

/// The send request for `n` to its phone_number.
http_request build_send(const endpoint& to, const notification& n);

/// Classifies the device's answer.
delivery_result parse_send_response(int http_status, std::string_view body);

} // namespace switchboard::smseagle
