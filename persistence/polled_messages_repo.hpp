#pragma once

// Polled messages (the hub's `messages` table with the columns of migration
// 0006_accounts.sql): storing what polls fetched, and reading an account's
// messages back.
//
// Promises:
// - record_polls() stores a batch of poll results in ONE transaction: the
//   new messages (multi-row INSERT ... ON CONFLICT DO NOTHING on (account,
//   platform message id): a message already stored is not stored again)
//   together with each account's cursor, last and next poll and interval.
//   Either all of it commits or none of it does, so a cursor never runs
//   ahead of the messages it covers. Writing the same batch twice is
//   harmless (idempotent).
// - A cursor never moves backwards: a result's cursor is taken only when it
//   is newer (cursors compare as decimal numbers: longer is newer, then by
//   text).
// - Bodies are sealed (io/crypto/keyring.hpp, context "message:" + account
//   id) before they reach SQL; list() opens them.
// - Results of unknown accounts store nothing (found = false).
// - Database errors propagate as pqxx exceptions; a body that fails to open
//   throws crypto::open_error; a malformed list cursor throws
//   std::invalid_argument.

#include <cstddef>
#include <string>
#include <vector>

#include "messages/polling.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::crypto {
class keyring;
} // namespace switchboard::crypto

namespace switchboard::persistence::polled_messages_repo {

/// Stores `results` (see above). Returns one entry per distinct account, in
/// account id order; results of one account in the same batch are merged.
std::vector<poll_stored> record_polls(pqxx::connection_base& conn,
                                      const crypto::keyring& ring,
                                      const std::vector<poll_result>& results);

/// The messages of `account_id`, newest first (by sent_at, then id), at
/// most `limit`, after the opaque `cursor` of a previous page (empty: the
/// first page).
message_page list(pqxx::connection_base& conn, const crypto::keyring& ring,
                  const std::string& account_id, const std::string& cursor,
                  size_t limit);

/// How many messages of `account_id` are stored.
size_t count(pqxx::connection_base& conn, const std::string& account_id);

} // namespace switchboard::persistence::polled_messages_repo
