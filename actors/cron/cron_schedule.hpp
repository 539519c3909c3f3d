#pragma once

// When a cron expression fires in an IANA time zone. Fields are read as
// local wall-clock time in the zone; results are UTC instants on whole
// seconds. Pure: the caller passes the instant to search from.
//
// Daylight saving time follows Vixie cron (cron(8), "Special considerations
// exist when the clock is changed by less than 3 hours"), which sorts
// expressions by their text (cron_expression::wildcard_time):
//
// Fixed-time expressions (no `*` at the start of the second, minute or hour
// field: "30 2 * * *", "0,30 2 * * *", "0 1-23 * * *", @daily, @weekly):
// - A local time that a spring-forward change skips fires once, at the first
//   instant after the gap, i.e. at the change itself: "30 2 * * *" in
//   Europe/Berlin on 2026-03-29 fires at 03:00 CEST (01:00 UTC). Several
//   skipped times, or skipped times and the time that ends the gap ("0 2,3 *
//   * *"), are that one firing.
// - A local time that a fall-back change repeats fires once, at its first
//   occurrence (the earlier offset): "30 2 * * *" in Europe/Berlin on
//   2026-10-25 fires at 02:30 CEST (00:30 UTC), not again at 02:30 CET.
//
// Wildcard expressions ("*/15 * * * *", @hourly, "5 * * * *", "0 */6 * * *")
// follow the wall clock, the way cron "runs jobs specified with wildcards
// based on the new time immediately": they fire at every instant whose local
// reading matches. A skipped local time does not fire (02:05 on a
// spring-forward day; hourly fires 23 times that day), and a repeated local
// time fires at both occurrences (hourly fires 25 times on a fall-back day).
//
// Limits: a search spans at most 400 years (the Gregorian calendar repeats
// after that, so an expression with no firing in 400 years, such as
// "0 0 30 2 *", never fires) and stops at the end of system_clock's range
// (year 2262). Zone rules come from the system tzdata through
// date::time_zone; Debian's files list transitions up to 2037 and later
// instants keep the last listed offset.

#include <chrono>
#include <cstddef>
#include <date/tz.h>
#include <optional>
#include <string_view>
#include <vector>

#include "actors/cron/cron_expression.hpp"

namespace switchboard::cron {

using instant = std::chrono::system_clock::time_point;

/// The zone with IANA name `name` ("UTC", "Europe/Berlin"), or nullptr when
/// the system tzdata has none.
const date::time_zone* find_zone(std::string_view name);

/// The first firing strictly after `after`, or nullopt if there is none.
std::optional<instant> next_fire(const cron_expression& e,
                                 const date::time_zone& zone, instant after);

/// The next `n` firings strictly after `after`, ascending; fewer only when
/// the expression has no more.
std::vector<instant> next_fires(const cron_expression& e,
                                const date::time_zone& zone, instant after,
                                std::size_t n);

/// The latest firing at or before `until`, or nullopt if there is none; the
/// mirror of next_fire with the same DST rules.
std::optional<instant> previous_fire(const cron_expression& e,
                                     const date::time_zone& zone,
                                     instant until);

} // namespace switchboard::cron
