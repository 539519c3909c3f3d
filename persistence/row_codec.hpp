#pragma once

// How values cross between SQL rows and C++ in every repository: times as
// microseconds since the UNIX epoch (the precision of timestamptz and the
// unit of sb_epoch_us() in SQL), nullable columns, decimal id strings.

#include <cstdint>
#include <optional>
#include <string>

#include <caf/optional.hpp>
#include <caf/timestamp.hpp>

namespace pqxx {
class field;
} // namespace pqxx

namespace switchboard::persistence {

int64_t to_epoch_us(caf::timestamp t);

caf::timestamp from_epoch_us(int64_t us);

/// A text column; SQL NULL as the empty string.
std::string text_of(const pqxx::field& f);

/// A nullable sb_epoch_us() column.
caf::optional<caf::timestamp> maybe_time(const pqxx::field& f);

/// The numeric id behind a decimal id string; std::nullopt when it cannot
/// be one, which callers treat as "not found".
std::optional<int64_t> parse_id(const std::string& id);

} // namespace switchboard::persistence
