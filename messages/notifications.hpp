#pragma once

// Messages of the notification job handler (actors/queues/handlers/
// notification/): a validated notification, what a channel sender reports
// for one delivery attempt, and the attempt as recorded in the
// `notifications` table (persistence/notifications_repo.hpp).
//
// Secrets: a notification carries the device token, address or number it
// goes to and its body; none of them may appear in a delivery_result's
// `error`, in logs or in a job's last_error. The recorded attempt keeps only
// a masked recipient.

#include <cstdint>
#include <string>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/timestamp.hpp>
#include <caf/type_id.hpp>
#include <caf/typed_actor.hpp>

namespace switchboard {

/// One notification job's payload, validated: `type` is push, email or sms
/// and the recipient field of that type is set.
struct notification {
  std::string job_id;
  /// The job's attempt this delivery belongs to (1 = first).
  int32_t attempt = 0;
  std::string type;
  std::string user_id;
  std::string title;
  std::string body;
  /// push: the FCM registration token.
  std::string fcm_token;
  /// email: the recipient address.
  std::string email;
  /// sms: the recipient number (international format).
  std::string phone_number;
  /// push: the FCM data map as a JSON object of strings ("{}" when none).
  std::string data_json = "{}";
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, notification& x) {
  return f(caf::meta::type_name("notification"), x.job_id, x.attempt, x.type,
           x.user_id, x.title, x.body, x.fcm_token, x.email, x.phone_number,
           x.data_json);
}

/// How a provider answered one delivery attempt.
enum class delivery_status : uint8_t {
  /// Accepted by the provider (FCM 200, SMSEagle queued, SMTP 250).
  delivered,
  /// Failed for now (overload, quota, network): worth another attempt.
  transient,
  /// Failed for good (unregistered token, rejected address, bad request):
  /// another attempt would fail the same way.
  permanent,
};

inline std::string to_string(delivery_status x) {
  switch (x) {
  case delivery_status::delivered: return "delivered";
  case delivery_status::transient: return "transient";
  case delivery_status::permanent: return "permanent";
  }
  return "unknown";
}

/// What a channel sender reports for one attempt.
struct delivery_result {
  delivery_status status = delivery_status::delivered;
  /// The provider's id of the accepted message (FCM message name, SMSEagle
  /// outbox id, SMTP Message-ID); empty when not delivered.
  std::string provider_message_id;
  /// A stable code: the provider's (UNREGISTERED, QUOTA_EXCEEDED), an HTTP
  /// or SMTP status (http_503, smtp_550) or ours (network, timeout,
  /// invalid_payload); empty when delivered.
  std::string error_code;
  /// A short human text; never a token, an address, a number or a body.
  std::string error;
  /// Wait at least this long before the next attempt (the provider's
  /// Retry-After); 0: the job's own backoff.
  int64_t retry_after_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, delivery_result& x) {
  return f(caf::meta::type_name("delivery_result"), x.status,
           x.provider_message_id, x.error_code, x.error, x.retry_after_ms);
}

/// One row of `notifications`: one delivery attempt.
struct notification_attempt {
  std::string job_id;
  int32_t attempt = 0;
  std::string user_id;
  std::string type;
  std::string title;
  std::string body;
  /// The recipient masked (…a1b2, j***@example.org, +48******789).
  std::string recipient;
  bool success = false;
  std::string error_code;
  std::string error;
  std::string provider_message_id;
  caf::timestamp started_at;
  caf::timestamp finished_at;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, notification_attempt& x) {
  return f(caf::meta::type_name("notification_attempt"), x.job_id, x.attempt,
           x.user_id, x.type, x.title, x.body, x.recipient, x.success,
           x.error_code, x.error, x.provider_message_id, x.started_at,
           x.finished_at);
}

} // namespace switchboard

CAF_BEGIN_TYPE_ID_BLOCK(sb_notify, caf::first_custom_type_id + 900)

CAF_ADD_TYPE_ID(sb_notify, (switchboard::notification))
CAF_ADD_TYPE_ID(sb_notify, (switchboard::delivery_result))
CAF_ADD_TYPE_ID(sb_notify, (switchboard::notification_attempt))

// A channel sender delivers one notification: (deliver_atom, notification)
// -> delivery_result.
CAF_ADD_ATOM(sb_notify, switchboard, deliver_atom, "deliver")

CAF_END_TYPE_ID_BLOCK(sb_notify)

namespace switchboard {

/// Delivers notifications of one channel (push, email or sms). It answers
/// every request with a delivery_result, also for provider and network
/// failures; a caf::error only means the sender itself failed.
using notification_sender_actor = caf::typed_actor<
    caf::replies_to<deliver_atom, notification>::with<delivery_result>>;

} // namespace switchboard
