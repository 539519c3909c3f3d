#pragma once

// Validation of a notification job's payload (seed 002 "Notification Jobs"):
//
//   {type: 'push' | 'email' | 'sms', userId, title, body,
//    fcmToken?, email?, phoneNumber?, data?: Record<string, string>}
//
// `type` may be left out when the job's kind names it, and must agree with
// a kind that is push, email or sms. push needs fcmToken,
// email an address, sms a phone number; data must map strings to strings
// (FCM refuses anything else). Errors name the field, never its value.

#include <string>

#include "messages/notifications.hpp"
#include "messages/queues.hpp"

namespace switchboard::notify {

struct parsed_payload {
  /// The notification, complete when `error` is empty; otherwise as far as
  /// it could be read (type and user_id when they were valid).
  notification value;
  /// Why the payload is unusable; empty when it is valid.
  std::string error;
};

/// Reads and validates `j`'s payload; the result carries the job's id and
/// attempt.
parsed_payload parse_payload(const job& j);

/// Whether `type` is push, email or sms.
bool is_notification_type(const std::string& type);

} // namespace switchboard::notify
