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
//   token at all. Only load_polling() and get_polling() decrypt it.
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

/// One active account with its token (a poller's restart).
std::optional<polling_account> get_polling(pqxx::connection_base& conn,
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
