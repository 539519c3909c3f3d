#pragma once

// FCM HTTP v1 send (specs/FCM-HTTP-v1.md) as pure functions: the request for
// one notification, and the classification of the answer.
//
// Classification follows the spec's table: details[].errorCode first, then
// error.status, then the HTTP status. UNREGISTERED, INVALID_ARGUMENT,
// SENDER_ID_MISMATCH, THIRD_PARTY_AUTH_ERROR and PERMISSION_DENIED are
// permanent; QUOTA_EXCEEDED, UNAVAILABLE, INTERNAL and UNAUTHENTICATED (an
// expired access token, refreshed before the next attempt) are transient and
// honour Retry-After.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "messages/http_client.hpp"
#include "messages/notifications.hpp"

namespace switchboard::fcm {

/// Where and as whom to send.
struct endpoint {
  /// Scheme, host and port, e.g. https://fcm.googleapis.com.
  std::string base_url;
  std::string project_id;
  /// OAuth 2 access token, sent as a Bearer.
  std::string access_token;
};

/// The send request for `n` (its title, body, data map and token). The
/// data_json of `n` must be a JSON object of strings (validated with the
/// payload).
http_request build_send(const endpoint& to, const notification& n);

/// Classifies FCM's answer: 200 with a message name is delivered (the name
/// is the provider_message_id); errors as described above. `retry_after` is
/// the Retry-After header's value ("" when absent).
delivery_result parse_send_response(int http_status, std::string_view body,
                                    std::string_view retry_after,
                                    std::chrono::system_clock::time_point now);

/// The delivery status of an FCM error code (errorCode or canonical
/// status); std::nullopt for a code the table does not know.
std::optional<delivery_status> classify_error_code(std::string_view code);

/// The delivery status of an HTTP status without a known error code.
delivery_status classify_http_status(int http_status);

} // namespace switchboard::fcm
