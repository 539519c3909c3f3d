#pragma once

// Internal to the jobs repository (persistence/jobs_*.cpp): how a job row
// crosses between SQL and C++.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "messages/queues.hpp"
#include "persistence/row_codec.hpp"

namespace pqxx {
class row;
} // namespace pqxx

namespace switchboard::persistence::jobs_detail {

using persistence::from_epoch_us;
using persistence::maybe_time;
using persistence::parse_id;
using persistence::text_of;
using persistence::to_epoch_us;

/// The select list of a job, over a `jobs` row aliased `j`, in the order
/// to_job() reads it.
extern const char* const job_columns;

/// Reads a job from `row`, whose columns from `first` on are job_columns.
job to_job(const pqxx::row& row, size_t first = 0);

/// A PostgreSQL bigint[] literal of the ids that parse (others cannot
/// match a job and are dropped).
std::string id_array(const std::vector<std::string>& ids);

/// Throws std::invalid_argument unless `state` is a job state.
void require_state(const std::string& state);

} // namespace switchboard::persistence::jobs_detail
