#pragma once

// Failed polls (table poll_failures, migration 0006_accounts.sql): a poll
// whose retries were used up is recorded here for monitoring (the seed's
// getFailedJobs), manual retry (retryFailedJob) and cleanup (cleanOldJobs).
//
// Promises: each function runs its own transaction; an unknown or
// malformed id is "not found"; error texts are stored as given, so callers
// pass texts without tokens or message bodies.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "messages/polling.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::persistence::poll_failures_repo {

/// Records a failed poll of `account_id` (its platform is the account's).
/// std::nullopt when the account does not exist.
std::optional<poll_failure> record(pqxx::connection_base& conn,
                                   const std::string& account_id,
                                   const std::string& error_kind,
                                   const std::string& error, int32_t attempts);

/// Failures not yet retried, newest first, at most `limit`.
std::vector<poll_failure> list(pqxx::connection_base& conn, size_t limit);

/// How many failures are not yet retried (the stats' "failed").
size_t count_open(pqxx::connection_base& conn);

/// Marks failure `id` retried and returns it, so the caller polls its
/// account now; std::nullopt when unknown or already retried.
std::optional<poll_failure> retry(pqxx::connection_base& conn,
                                  const std::string& id);

/// Deletes failures recorded more than `older_than` ago; returns how many.
/// Throws std::invalid_argument for a negative age.
size_t clean(pqxx::connection_base& conn, std::chrono::milliseconds older_than);

} // namespace switchboard::persistence::poll_failures_repo
