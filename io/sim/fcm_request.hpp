#pragma once

// Validation of an FCM HTTP v1 send request (specs/FCM-HTTP-v1.md), as FCM
// answers it: pure, so every rule has its own test.

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace switchboard::sim {

/// A send request FCM accepts.
struct fcm_send {
  /// The token, topic or condition.
  std::string target;
  bool is_token = false;
  bool validate_only = false;
  /// The `message` object as JSON text.
  std::string message_json;
};

/// A refusal: HTTP status, Google status and the FCM errorCode.
struct fcm_refusal {
  int http_status = 400;
  std::string status = "INVALID_ARGUMENT";
  std::string error_code = "INVALID_ARGUMENT";
  std::string message;
};

/// Checks one target, data map of strings, no reserved data keys, payload
/// within 4096 bytes (2048 for topics), android.ttl "Ns" within 4 weeks, a
/// well-formed token.
std::variant<fcm_send, fcm_refusal> parse_fcm_send(std::string_view body);

/// Whether a registration token is well formed: 1 to 4096 characters from
/// [A-Za-z0-9_:.-].
bool well_formed_token(std::string_view token);

} // namespace switchboard::sim
