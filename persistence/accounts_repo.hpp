#pragma once

// The connected social accounts (table connected_accounts, migration
// 0006_accounts.sql): connecting, disconnecting, parking, and what pollers
// load on start.
//
// Promises:
// - Each function runs its own transaction on `conn` and commits it before
//   returning; every value is a bound parameter.
// - An access token is sealed (io/crypto/keyring.hpp, context "token:" +
//   account id) before it reaches SQL; a disconnected account keeps no
//   token at all. Only load_polling(), load_polling_page() and
//   get_polling() decrypt it.
// - connect() is idempotent: connecting an account again updates it in
//   place (one row per account id) and makes it active; it keeps its
//   cursor unless the platform user changed.
// - Arguments outside the contract throw std::invalid_argument; an unknown
//   account is "not found" (std::nullopt, false); database errors propagate
//   as pqxx exceptions; a token that fails to open throws
//   crypto::open_error.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "messages/polling.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::crypto {
class keyring;
} // namespace switchboard::crypto

namespace switchboard::persistence::accounts_repo {

enum class connect_outcome {
  /// A new account.
  created,
  /// The account existed and was updated (and is active now).
  updated,
  /// The account id is connected to another platform: nothing changed.
  platform_conflict,
};

struct connect_result {
  connect_outcome outcome;
  /// The stored account (for platform_conflict, the existing one).
  connected_account account;
};

/// Connects (or reconnects) an account. A poll_interval_ms of 0 takes
/// `default_interval`. Throws std::invalid_argument for an empty id,
/// platform, user_id or token, an unknown platform, or a negative interval.
connect_result connect(pqxx::connection_base& conn, const crypto::keyring& ring,
                       const account_connection& request,
                       std::chrono::milliseconds default_interval);

/// Marks the account disconnected and drops its token; returns false when
/// it does not exist.
bool disconnect(pqxx::connection_base& conn, const std::string& id);

std::optional<connected_account> get(pqxx::connection_base& conn,
                                     const std::string& id);

/// Accounts of `platform` in `status` (empty: any) with an id above
/// `after_id` (empty: from the start), in id order, at most `limit`. The
/// last id is the cursor of the next page.
std::vector<connected_account> list(pqxx::connection_base& conn,
                                    const std::string& platform,
                                    const std::string& status,
                                    const std::string& after_id, size_t limit);

/// The active accounts of `platforms` with their tokens, in id order after
/// `after_id`, at most `limit` (start-up loads them page by page).
std::vector<polling_account>
load_polling(pqxx::connection_base& conn, const crypto::keyring& ring,
             const std::vector<std::string>& platforms,
             const std::string& after_id, size_t limit);

/// A page of the polling start-up load (load_polling_page).
struct polling_page {
  /// The accounts whose token opened, in id order.
  std::vector<polling_account> accounts;
  /// Accounts whose token did not open (its key was rotated away, the value
  /// is damaged), in id order: the page still loads, and the caller deals
  /// with these one by one.
  std::vector<std::string> unreadable;
  /// The id to load the next page after; empty when this page was the last.
  std::string next_after;
};

/// Like load_polling(), but a token that fails to open puts its account in
/// `unreadable` instead of throwing, so one bad row cannot stop a fleet
/// from starting.
polling_page load_polling_page(pqxx::connection_base& conn,
                               const crypto::keyring& ring,
                               const std::vector<std::string>& platforms,
                               const std::string& after_id, size_t limit);

/// One active account with its token (a poller's restart).
std::optional<polling_account> get_polling(pqxx::connection_base& conn,
                                           const crypto::keyring& ring,
                                           const std::string& id);

/// What a poller's load found (get_polling_or_park).
struct polling_load {
  /// The active account with its token; none when it is not active (or
  /// was just parked).
  std::optional<polling_account> account;
  /// Set when its token did not open: the account is parked now, and this
  /// is the stored last_error (the reason, never a key or a token).
  std::string parked;
  /// The parked account's platform.
  std::string platform;
};

/// Like get_polling(), but a token that fails to open (its key rotated
/// away, a damaged value) parks the account as needs_reauth with the
/// reason as last_error instead of throwing: a load that cannot succeed is
/// not retried forever. Connecting the account again (a new token) resumes.
polling_load get_polling_or_park(pqxx::connection_base& conn,
                                 const crypto::keyring& ring,
                                 const std::string& id);

/// Parks an active account after its token was refused (401/403): status
/// needs_reauth, `error` as last_error, no next poll. Returns whether it
/// was active.
bool mark_needs_reauth(pqxx::connection_base& conn, const std::string& id,
                       const std::string& error);

/// Records a failed request of an active account: one more consecutive
/// failure, `error` as last_error, and when it may be polled next (a rate
/// limit's reset survives a restart). Returns whether it was active.
bool record_error(pqxx::connection_base& conn, const std::string& id,
                  const std::string& error, caf::timestamp next_poll_at);

/// Whether `status` is one of active, paused, needs_reauth, disconnected.
bool is_account_status(const std::string& status);

} // namespace switchboard::persistence::accounts_repo
