#pragma once

// The `notifications` table (migration 0004_notifications.sql): one row per
// delivery attempt of a notification job.
//
// Writes go through a batching writer (persistence/batch_writer.hpp): the
// handler turns an attempt into a row with to_row() and puts it to the
// writer that writer_options() describes. Reads run on a connection of the
// database actor, each in its own transaction.

#include <cstddef>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "messages/database.hpp"
#include "messages/notifications.hpp"
#include "persistence/batch_writer.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::persistence::notifications_repo {

/// The columns to_row() fills, in its order.
const std::vector<std::string>& columns();

/// An attempt as a row for the batching writer. An empty job_id,
/// error_code, error or provider_message_id becomes NULL.
db_row to_row(const notification_attempt& x);

/// A batching writer of attempts over `db`, batched as `settings` says.
batch_writer_options writer_options(database_actor db,
                                    const database_settings& settings);

/// The attempts of job `job_id` in attempt order (empty for an id that
/// cannot be a job id).
std::vector<notification_attempt> for_job(pqxx::connection_base& conn,
                                          const std::string& job_id);

/// The newest `limit` attempts for `user_id`, newest first.
std::vector<notification_attempt> recent_for_user(pqxx::connection_base& conn,
                                                  const std::string& user_id,
                                                  std::size_t limit);

} // namespace switchboard::persistence::notifications_repo
