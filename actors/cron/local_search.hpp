#pragma once

// Searches on the local calendar, with no time zone: "the first local time at
// or after t that the expression matches". cron_schedule runs them inside
// one UTC offset at a time, where local time and UTC move in step.
//
// They skip by field: a month that does not match is passed in one step, a
// day in one step, and within a day only the set bits of the hour, minute
// and second fields are visited. Every search has an explicit bound so an
// expression that never fires ("0 0 30 2 *") ends the search.

#include <date/date.h>
#include <optional>

#include "actors/cron/cron_expression.hpp"

namespace switchboard::cron::detail {

/// The earliest matching local time in [from, end), if any.
std::optional<date::local_seconds> first_match(const cron_expression& e,
                                               date::local_seconds from,
                                               date::local_seconds end);

/// The latest matching local time in [begin, to], if any.
std::optional<date::local_seconds> last_match(const cron_expression& e,
                                              date::local_seconds to,
                                              date::local_seconds begin);

} // namespace switchboard::cron::detail
