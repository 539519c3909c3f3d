#pragma once

// Helpers for the cron suites: instants written as UTC text, results shown
// as RFC 3339 text so a failed check prints readable times. Every instant is
// passed in; nothing reads the clock.

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <date/date.h>
#include <date/tz.h>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "actors/cron/cron_expression.hpp"
#include "actors/cron/cron_schedule.hpp"

namespace switchboard::cron::test {

/// "2026-03-29 01:00:00" or "2026-03-29 01:00:00.500", read as UTC. Parsed
/// by hand: date::parse trips GCC 12's -Wmaybe-uninitialized at -O2.
inline instant utc(const std::string& text) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  auto n = std::sscanf(text.c_str(), "%d-%u-%u %u:%u:%u.%3u", &y, &mo, &d, &h,
                       &mi, &s, &ms);
  auto day = date::year_month_day{date::year{y}, date::month{mo}, date::day{d}};
  if (n < 6 || !day.ok()) throw std::invalid_argument("bad test time " + text);
  return date::sys_days{day} + std::chrono::hours{h} + std::chrono::minutes{mi}
         + std::chrono::seconds{s} + std::chrono::milliseconds{ms};
}

/// "2026-03-29T01:00:00Z".
inline std::string iso(instant t) {
  return date::format("%FT%TZ", date::floor<std::chrono::seconds>(t));
}

inline std::string iso(const std::optional<instant>& t) {
  return t ? iso(*t) : "none";
}

inline std::vector<std::string> iso(const std::vector<instant>& ts) {
  std::vector<std::string> out;
  for (auto t : ts)
    out.push_back(iso(t));
  return out;
}

inline const date::time_zone& zone(std::string_view name) {
  return *date::locate_zone(name);
}

/// A valid expression; the suites spell out the invalid ones.
inline cron_expression cron(std::string_view text) {
  auto e = parse_cron(text);
  if (!e) throw std::invalid_argument("bad test expression");
  return *e;
}

/// The message of a failed parse, or "parsed" when it did not fail.
inline std::string parse_error(std::string_view text) {
  auto e = parse_cron(text);
  if (e) return "parsed";
  const auto& ctx = e.error().context();
  if (ctx.size() != 1 || !ctx.match_element<std::string>(0))
    return "unexpected error context";
  return ctx.get_as<std::string>(0);
}

/// Firings in [begin, end), ascending, found with next_fire.
inline std::vector<instant> fires_between(std::string_view expr,
                                          std::string_view zone_name,
                                          instant begin, instant end) {
  std::vector<instant> out;
  auto e = cron(expr);
  auto t = next_fire(e, zone(zone_name), begin - std::chrono::seconds{1});
  for (; t && *t < end; t = next_fire(e, zone(zone_name), *t))
    out.push_back(*t);
  return out;
}

/// Firings in [begin, end), ascending, found with previous_fire from the end:
/// must equal fires_between.
inline std::vector<instant> fires_backwards(std::string_view expr,
                                            std::string_view zone_name,
                                            instant begin, instant end) {
  std::vector<instant> out;
  auto e = cron(expr);
  auto t = previous_fire(e, zone(zone_name), end - std::chrono::seconds{1});
  for (; t && *t >= begin;
       t = previous_fire(e, zone(zone_name), *t - std::chrono::seconds{1}))
    out.insert(out.begin(), *t);
  return out;
}

/// The next `n` firings after `after`, as text.
inline std::vector<std::string> next_n(std::string_view expr,
                                       std::string_view zone_name,
                                       const std::string& after,
                                       std::size_t n) {
  return iso(next_fires(cron(expr), zone(zone_name), utc(after), n));
}

} // namespace switchboard::cron::test
