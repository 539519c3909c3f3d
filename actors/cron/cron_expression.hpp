#pragma once

// A cron expression parsed once into one bit set per field, so that matching
// a calendar day or a time of day is a handful of bit tests.
//
// Accepted text (crontab(5) of Vixie cron, plus node-cron's seconds field):
// - five fields "minute hour day-of-month month day-of-week", or six with a
//   leading seconds field; five fields fire at second 0;
// - per field: `*`, a value, a range `a-b`, a step `*/n`, `a-b/n` or `a/n`
//   (the last meaning a-max/n, as cronie and Quartz read it), and lists of
//   those separated by commas;
// - month names JAN-DEC and day names SUN-SAT, in any case; day-of-week 0 and
//   7 are both Sunday;
// - the macros @yearly, @annually, @monthly, @weekly, @daily, @midnight and
//   @hourly (in any case). @reboot has no firing time and is refused, as are
//   Quartz's L, W, # and ?.

#include <bitset>
#include <string_view>

#include <caf/expected.hpp>

namespace switchboard::cron {

/// The firing set of a cron expression. Values are the calendar values
/// themselves: bit 0 of `days_of_month` and of `months` is never set.
struct cron_expression {
  std::bitset<60> seconds;
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days_of_month;
  std::bitset<13> months;
  /// 0 = Sunday ... 6 = Saturday (7 in the text lands on 0).
  std::bitset<7> days_of_week;

  /// Whether the day-of-month and day-of-week fields began with `*`. When
  /// neither did, a day matches if EITHER field matches; otherwise both
  /// must (crontab(5): "If both fields are restricted (i.e., don't start
  /// with *), the command will be run when either field matches").
  bool day_of_month_star = false;
  bool day_of_week_star = false;

  /// Whether the seconds, minute or hour field began with `*` (@hourly
  /// does): Vixie cron's test for a job "specified with wildcards", which
  /// follows the wall clock through DST changes instead of being pinned to a
  /// time of day. cron_schedule.hpp says what each kind does on DST days.
  bool wildcard_time = false;
};

bool operator==(const cron_expression& x, const cron_expression& y);
bool operator!=(const cron_expression& x, const cron_expression& y);

/// Parses `text`. A failure is errc::invalid_argument whose context is one
/// string naming the expression, the field and the bad token, e.g.
/// `cron: "61 * * * *": minute 61 out of range 0-59`.
caf::expected<cron_expression> parse_cron(std::string_view text);

/// Whether a day with this day of month (1-31), month (1-12) and weekday
/// (0 = Sunday) matches, with the day-of-month/day-of-week OR rule above.
bool day_matches(const cron_expression& e, unsigned day_of_month,
                 unsigned month, unsigned weekday);

} // namespace switchboard::cron
