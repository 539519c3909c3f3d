#define CAF_SUITE cron.reference
#include <chrono>
#include <date/tz.h>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/cron/cron_schedule.hpp"
#include "tests/cron/cron_test_support.hpp"

// Checks next_fire against a slow reference that reads every UTC minute of a
// window through date::zoned_time and applies cron_schedule.hpp's DST rules
// as stated there, instead of by offset segments.

using namespace std::chrono_literals;
using switchboard::cron::cron_expression;
using switchboard::cron::day_matches;
using switchboard::cron::instant;
using switchboard::cron::test::cron;
using switchboard::cron::test::fires_between;
using switchboard::cron::test::iso;
using switchboard::cron::test::utc;
using switchboard::cron::test::zone;

namespace {

bool matches_local(const cron_expression& e, date::local_seconds t) {
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd{day};
  date::hh_mm_ss<std::chrono::seconds> hms{t - day};
  return e.seconds[hms.seconds().count()] && e.minutes[hms.minutes().count()]
         && e.hours[hms.hours().count()]
         && day_matches(e, static_cast<unsigned>(ymd.day()),
                        static_cast<unsigned>(ymd.month()),
                        date::weekday{day}.c_encoding());
}

/// Whether a fixed-time expression matches a local minute that the change
/// at `u` skipped.
bool gap_matches(const cron_expression& e, const date::time_zone& z,
                 date::sys_seconds u) {
  auto before = z.get_info(u - 1s).offset;
  auto after = z.get_info(u).offset;
  if (after <= before) return false;
  for (auto t = date::local_seconds{u.time_since_epoch() + before};
       t < date::local_seconds{u.time_since_epoch() + after}; t += 1min)
    if (matches_local(e, t)) return true;
  return false;
}

bool reference_fires(const cron_expression& e, const date::time_zone& z,
                     date::sys_seconds u) {
  auto local = date::zoned_seconds{&z, u}.get_local_time();
  if (matches_local(e, local)) {
    if (e.wildcard_time) return true;
    auto info = z.get_info(local);
    // A repeated local time fires at its first occurrence only.
    if (info.result != date::local_info::ambiguous) return true;
    return u == date::sys_seconds{local.time_since_epoch() - info.first.offset};
  }
  return !e.wildcard_time && gap_matches(e, z, u);
}

std::vector<instant> reference(const char* expr, const char* zone_name,
                               instant begin, instant end) {
  auto e = cron(expr);
  std::vector<instant> out;
  for (auto u = date::floor<std::chrono::minutes>(begin); u < end; u += 1min)
    if (reference_fires(e, zone(zone_name), u)) out.push_back(u);
  return out;
}

constexpr const char* expressions[] = {
    "30 2 * * *",   "0 2 * * *",    "0 3 * * *",       "30 1 * * *",
    "0,30 2 * * *", "0 2,3 * * *",  "59 1 * * *",      "0 1-23 * * *",
    "0 * * * *",    "5 * * * *",    "*/15 * * * *",    "*/7 * * * *",
    "0 */6 * * *",  "*/20 2 * * *", "15,45 0-3 * * *", "@daily",
    "0 0 * * SUN",  "0 2 29 3 *",   "0 2 25 10 *",     "0 1 1 11 *",
};

struct window {
  const char* zone;
  const char* begin;
  const char* end;
};

constexpr window windows[] = {
    {"Europe/Berlin", "2026-03-27 00:00:00", "2026-03-31 00:00:00"},
    {"Europe/Berlin", "2026-10-23 00:00:00", "2026-10-27 00:00:00"},
    {"America/New_York", "2026-03-06 00:00:00", "2026-03-10 00:00:00"},
    {"America/New_York", "2026-10-30 00:00:00", "2026-11-03 00:00:00"},
    {"Australia/Lord_Howe", "2026-04-03 00:00:00", "2026-04-06 00:00:00"},
    {"Australia/Lord_Howe", "2026-10-02 00:00:00", "2026-10-05 00:00:00"},
    {"America/Santiago", "2026-04-03 00:00:00", "2026-04-07 00:00:00"},
    {"America/Santiago", "2026-09-04 00:00:00", "2026-09-08 00:00:00"},
};

} // namespace

CAF_TEST(next_fire agrees with a minute by minute reference on DST days) {
  for (const auto& w : windows) {
    for (auto expr : expressions) {
      CAF_MESSAGE(w.zone << " " << w.begin << " " << expr);
      auto begin = utc(w.begin);
      auto end = utc(w.end);
      CAF_CHECK_EQUAL(iso(fires_between(expr, w.zone, begin, end)),
                      iso(reference(expr, w.zone, begin, end)));
    }
  }
}
