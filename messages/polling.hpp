#pragma once

// Messages of account polling (issue 3, seed 000): connected accounts as
// stored in `connected_accounts` (persistence/accounts_repo.hpp), what one
// poll fetched and stores (persistence/polled_messages_repo.hpp), failed
// polls, and how a failed request is described to the error policy
// (actors/polling/poll_error_policy.hpp).
//
// Conventions: an empty string stands for SQL NULL in optional text
// columns; times are caf::timestamp (system clock, UNIX epoch), nullable
// ones caf::optional (CAF 0.17 cannot inspect std::optional); platforms are
// the hub's lower-case names ("twitter", "linkedin", "telegram", ...).
// Tokens and message bodies are secret_text: they never render in logs or
// inspection.

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/optional.hpp>
#include <caf/timestamp.hpp>
#include <caf/type_id.hpp>

namespace caf::detail {
class stringification_inspector;
} // namespace caf::detail

namespace switchboard {

/// Text that must never be logged (an access token, a message body). It
/// travels and serializes like a string but renders as "<redacted>".
struct secret_text {
  std::string value;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, secret_text& x) {
  if constexpr (std::is_same_v<Inspector,
                               caf::detail::stringification_inspector>) {
    std::string shown = "<redacted>";
    return f(caf::meta::type_name("secret_text"), shown);
  } else {
    return f(caf::meta::type_name("secret_text"), x.value);
  }
}

// -- accounts -----------------------------------------------------------------

/// Every platform of the hub, polled or not, in a fixed order
/// (actors/polling/platform_policy.hpp says which ones are polled).
inline const std::vector<std::string>& hub_platforms() {
  static const std::vector<std::string> all{"twitter",   "linkedin", "telegram",
                                            "instagram", "whatsapp", "facebook",
                                            "teams"};
  return all;
}

/// The account states of connected_accounts.status.
namespace account_status {
constexpr const char* active = "active";
constexpr const char* paused = "paused";
/// The platform refused the token (401/403): no request until reconnected.
constexpr const char* needs_reauth = "needs_reauth";
constexpr const char* disconnected = "disconnected";
} // namespace account_status

/// Connecting an account (PUT /api/accounts/{id}).
struct account_connection {
  /// The hub's account id.
  std::string id;
  std::string platform;
  /// The account's user on the platform (Twitter/X user id, LinkedIn URN).
  std::string user_id;
  secret_text access_token;
  /// 0: polling.default_interval_ms.
  int64_t poll_interval_ms = 0;
  /// Let the interval follow the message rate (polling.min/max_interval_ms).
  bool adaptive = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, account_connection& x) {
  return f(caf::meta::type_name("account_connection"), x.id, x.platform,
           x.user_id, x.access_token, x.poll_interval_ms, x.adaptive);
}

/// One row of connected_accounts, without its token.
struct connected_account {
  std::string id;
  std::string platform;
  std::string user_id;
  /// One of account_status.
  std::string status;
  /// The configured interval.
  int64_t poll_interval_ms = 0;
  bool adaptive = false;
  /// The interval in use: poll_interval_ms unless adaptive.
  int64_t current_interval_ms = 0;
  /// The platform cursor (Twitter/X since_id) of the newest stored message;
  /// empty before the first message.
  std::string cursor;
  caf::optional<caf::timestamp> last_polled_at;
  /// When the next poll is due; after a rate limit, the reset time.
  caf::optional<caf::timestamp> next_poll_at;
  std::string last_error;
  int32_t consecutive_failures = 0;
  caf::timestamp connected_at;
  caf::timestamp created_at;
  caf::timestamp updated_at;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, connected_account& x) {
  return f(caf::meta::type_name("connected_account"), x.id, x.platform,
           x.user_id, x.status, x.poll_interval_ms, x.adaptive,
           x.current_interval_ms, x.cursor, x.last_polled_at, x.next_poll_at,
           x.last_error, x.consecutive_failures, x.connected_at, x.created_at,
           x.updated_at);
}

/// What a poller needs: the account and its decrypted token.
struct polling_account {
  connected_account account;
  secret_text access_token;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, polling_account& x) {
  return f(caf::meta::type_name("polling_account"), x.account, x.access_token);
}

// -- messages -----------------------------------------------------------------

/// A message as a platform returned it.
struct polled_message {
  /// The platform's id (tweet id, DM event id, comment URN); unique per
  /// account.
  std::string platform_message_id;
  std::string conversation_id;
  /// The platform's id of the author.
  std::string sender;
  secret_text body;
  /// When the platform says it was sent; none: when it was stored.
  caf::optional<caf::timestamp> sent_at;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, polled_message& x) {
  return f(caf::meta::type_name("polled_message"), x.platform_message_id,
           x.conversation_id, x.sender, x.body, x.sent_at);
}

/// The outcome of one successful poll of one account, stored in one
/// transaction with others (persistence/polled_messages_repo.hpp).
struct poll_result {
  std::string account_id;
  std::vector<polled_message> messages;
  /// The newest cursor seen; empty keeps the stored one. A cursor older than
  /// the stored one is ignored: cursors never move backwards.
  std::string cursor;
  caf::timestamp polled_at;
  caf::timestamp next_poll_at;
  /// The interval in use after this poll (adaptive); 0 keeps it.
  int64_t current_interval_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, poll_result& x) {
  return f(caf::meta::type_name("poll_result"), x.account_id, x.messages,
           x.cursor, x.polled_at, x.next_poll_at, x.current_interval_ms);
}

/// What storing a poll_result did.
struct poll_stored {
  std::string account_id;
  /// False when the account does not exist (its messages were not stored).
  bool found = false;
  uint32_t inserted = 0;
  /// Messages already stored by an earlier poll (or twice in this one).
  uint32_t duplicates = 0;
  /// The account's cursor after the update.
  std::string cursor;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, poll_stored& x) {
  return f(caf::meta::type_name("poll_stored"), x.account_id, x.found,
           x.inserted, x.duplicates, x.cursor);
}

/// A failed poll's bookkeeping, for the pollers' batching writer
/// (actors/polling/poll_store.hpp, persistence/poll_notes_repo.hpp): the
/// account's last_error, one more consecutive failure and its next poll;
/// with `failed` (its retries were used up) also a poll_failures row.
struct poll_note {
  std::string account_id;
  /// poll_error_class name (poll_failures.error_kind).
  std::string error_kind;
  /// For last_error and poll_failures.error: never a token or a body.
  std::string error;
  /// Requests the poll made (poll_failures.attempts).
  int32_t attempts = 0;
  /// When the account may be polled next (a rate limit's reset).
  caf::timestamp next_poll_at;
  bool failed = false;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, poll_note& x) {
  return f(caf::meta::type_name("poll_note"), x.account_id, x.error_kind,
           x.error, x.attempts, x.next_poll_at, x.failed);
}

/// A stored message, decrypted.
struct stored_message {
  std::string id;
  std::string account_id;
  std::string platform;
  std::string platform_message_id;
  std::string conversation_id;
  std::string sender;
  secret_text body;
  caf::timestamp sent_at;
  caf::timestamp received_at;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, stored_message& x) {
  return f(caf::meta::type_name("stored_message"), x.id, x.account_id,
           x.platform, x.platform_message_id, x.conversation_id, x.sender,
           x.body, x.sent_at, x.received_at);
}

/// One page of an account's messages, newest first.
struct message_page {
  std::vector<stored_message> messages;
  /// Opaque; empty on the last page.
  std::string next_cursor;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, message_page& x) {
  return f(caf::meta::type_name("message_page"), x.messages, x.next_cursor);
}

// -- errors -------------------------------------------------------------------

/// How a poll request failed, as the error policy sees it.
enum class poll_error_kind : uint8_t {
  /// The platform answered with a non-2xx status.
  http_status,
  /// Connect, TLS, reset, refused or timeout: no answer.
  network,
  /// A 2xx answer that could not be understood.
  malformed_response,
  /// Anything else (e.g. the database refused the result).
  other,
};

inline std::string to_string(poll_error_kind x) {
  switch (x) {
  case poll_error_kind::http_status: return "http_status";
  case poll_error_kind::network: return "network";
  case poll_error_kind::malformed_response: return "malformed_response";
  case poll_error_kind::other: return "other";
  }
  return "other";
}

/// The rate-limit headers of a response (x-rate-limit-limit, -remaining,
/// -reset), each absent when missing or unreadable.
struct rate_limit_info {
  caf::optional<int64_t> limit;
  caf::optional<int64_t> remaining;
  /// When the window resets.
  caf::optional<caf::timestamp> reset;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, rate_limit_info& x) {
  return f(caf::meta::type_name("rate_limit_info"), x.limit, x.remaining,
           x.reset);
}

struct poll_error {
  poll_error_kind kind = poll_error_kind::other;
  /// The HTTP status for http_status, else 0.
  uint16_t status = 0;
  /// For logs and last_error: never a token or a message body.
  std::string detail;
  rate_limit_info rate_limit;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, poll_error& x) {
  return f(caf::meta::type_name("poll_error"), x.kind, x.status, x.detail,
           x.rate_limit);
}

/// A poll that failed after its retries (the seed's failed job).
struct poll_failure {
  std::string id;
  std::string account_id;
  std::string platform;
  /// poll_error_class name (actors/polling/poll_error_policy.hpp).
  std::string error_kind;
  std::string error;
  /// Requests made by the failed poll.
  int32_t attempts = 0;
  caf::timestamp failed_at;
  /// Set once retried by hand.
  caf::optional<caf::timestamp> retried_at;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, poll_failure& x) {
  return f(caf::meta::type_name("poll_failure"), x.id, x.account_id, x.platform,
           x.error_kind, x.error, x.attempts, x.failed_at, x.retried_at);
}

} // namespace switchboard

CAF_BEGIN_TYPE_ID_BLOCK(sb_poll, caf::first_custom_type_id + 1200)

CAF_ADD_TYPE_ID(sb_poll, (switchboard::account_connection))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::connected_account))
CAF_ADD_TYPE_ID(sb_poll, (std::vector<switchboard::connected_account>))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::polling_account))
CAF_ADD_TYPE_ID(sb_poll, (std::vector<switchboard::polling_account>))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::polled_message))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::poll_result))
CAF_ADD_TYPE_ID(sb_poll, (std::vector<switchboard::poll_result>))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::poll_stored))
CAF_ADD_TYPE_ID(sb_poll, (std::vector<switchboard::poll_stored>))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::stored_message))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::message_page))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::rate_limit_info))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::poll_error))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::poll_failure))
CAF_ADD_TYPE_ID(sb_poll, (std::vector<switchboard::poll_failure>))
CAF_ADD_TYPE_ID(sb_poll, (switchboard::poll_note))

// Commands of the polling supervisor and its pollers (seed 000's methods).
// Atom texts are at most 10 characters of [0-9A-Za-z_].
CAF_ADD_ATOM(sb_poll, switchboard, poll_atom, "poll")
CAF_ADD_ATOM(sb_poll, switchboard, poll_now_atom, "poll_now")
CAF_ADD_ATOM(sb_poll, switchboard, connect_account_atom, "acc_conn")
CAF_ADD_ATOM(sb_poll, switchboard, disconnect_account_atom, "acc_disc")
CAF_ADD_ATOM(sb_poll, switchboard, poll_failed_atom, "poll_fail")
CAF_ADD_ATOM(sb_poll, switchboard, poll_retry_atom, "poll_retry")
CAF_ADD_ATOM(sb_poll, switchboard, poll_clean_atom, "poll_clean")
CAF_ADD_ATOM(sb_poll, switchboard, account_messages_atom, "acc_msgs")

CAF_END_TYPE_ID_BLOCK(sb_poll)
