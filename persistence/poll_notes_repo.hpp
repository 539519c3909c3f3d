#pragma once

// Failed polls' bookkeeping in batches (poll_note, messages/polling.hpp):
// what a poller used to write with one transaction per failure
// (accounts_repo::record_error, poll_failures_repo::record) for many
// failures at once, so a burst of failures (a platform down for the whole
// fleet) costs a few multi-row statements, not one commit per failure.
//
// Promises: record() runs ONE transaction with at most two kinds of
// statement, each multi-row (split only at PostgreSQL's parameter limit):
// - connected_accounts of active accounts: last_error and next_poll_at of
//   the account's newest note, consecutive_failures raised by its number
//   of notes (exactly as record_error per note would);
// - poll_failures: one row per note with `failed`, platform taken from the
//   account, in note order (poll_failures_repo::record per note would).
// Notes of unknown accounts record nothing. Error texts are stored as
// given, so callers pass texts without tokens or bodies. Database errors
// propagate as pqxx exceptions.

#include <cstddef>
#include <vector>

#include "messages/polling.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::persistence::poll_notes_repo {

/// Records `notes` (see above); returns the poll_failures rows inserted.
size_t record(pqxx::connection_base& conn, const std::vector<poll_note>& notes);

} // namespace switchboard::persistence::poll_notes_repo
