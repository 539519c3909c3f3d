#pragma once

// Internal to the polling repositories (accounts_repo, polled_messages_repo,
// poll_failures_repo): how their rows cross between SQL and C++.

#include <cstdint>
#include <optional>
#include <string>

#include "messages/polling.hpp"
#include "persistence/row_codec.hpp"

namespace pqxx {
class row;
class field;
} // namespace pqxx

namespace switchboard::persistence::polling_detail {

using persistence::from_epoch_us;
using persistence::maybe_time;
using persistence::parse_id;
using persistence::text_of;
using persistence::to_epoch_us;

/// The select list of an account, over connected_accounts aliased `a`, in
/// the order to_account() reads it (without the token).
extern const char* const account_columns;

connected_account to_account(const pqxx::row& row, size_t first = 0);

/// The select list of a failure, over poll_failures aliased `f`.
extern const char* const failure_columns;

poll_failure to_failure(const pqxx::row& row, size_t first = 0);

/// A bytea column as raw bytes.
std::string bytes_of(const pqxx::field& f);

/// Whether cursor `candidate` is newer than `current`: cursors are decimal
/// numbers without leading zeros (Twitter/X ids, LinkedIn epoch ms), so a
/// longer one is newer, then the text decides. An empty candidate never is;
/// anything is newer than an empty current. SQL: newer_cursor_sql.
bool newer_cursor(const std::string& candidate, const std::string& current);

/// SQL of the same rule: the newer of `candidate` and `current` (text
/// expressions; empty or NULL candidate keeps current).
std::string newer_cursor_sql(const std::string& candidate,
                             const std::string& current);

/// The encryption context of an account's token and message bodies.
std::string token_context(const std::string& account_id);
std::string body_context(const std::string& account_id);

} // namespace switchboard::persistence::polling_detail
