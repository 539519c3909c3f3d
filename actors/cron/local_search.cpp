#include "actors/cron/local_search.hpp"

#include <algorithm>
#include <bitset>
#include <chrono>

namespace switchboard::cron::detail {

namespace {

using date::local_days;
using date::local_seconds;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using time_of_day = std::chrono::seconds;

template <size_t N>
std::optional<int> next_bit(const std::bitset<N>& bits, int from) {
  for (auto i = std::max(from, 0); i < static_cast<int>(N); ++i)
    if (bits[i]) return i;
  return std::nullopt;
}

template <size_t N>
std::optional<int> previous_bit(const std::bitset<N>& bits, int from) {
  for (auto i = std::min(from, static_cast<int>(N) - 1); i >= 0; --i)
    if (bits[i]) return i;
  return std::nullopt;
}

time_of_day make_time(int h, int m, int s) {
  return hours{h} + minutes{m} + seconds{s};
}

bool matches(const cron_expression& e, local_days day) {
  auto ymd = date::year_month_day{day};
  return day_matches(e, static_cast<unsigned>(ymd.day()),
                     static_cast<unsigned>(ymd.month()),
                     date::weekday{day}.c_encoding());
}

bool month_matches(const cron_expression& e, local_days day) {
  auto month = date::year_month_day{day}.month();
  return e.months[static_cast<unsigned>(month)];
}

local_days first_of_next_month(local_days day) {
  auto ymd = date::year_month_day{day};
  return local_days{ymd.year() / ymd.month() / 1 + date::months{1}};
}

local_days last_of_previous_month(local_days day) {
  auto ymd = date::year_month_day{day};
  return local_days{ymd.year() / ymd.month() / 1} - date::days{1};
}

/// The first matching day at or after `day` that starts before `end`.
std::optional<local_days> next_day(const cron_expression& e, local_days day,
                                   local_seconds end) {
  while (day < end) {
    if (!month_matches(e, day))
      day = first_of_next_month(day);
    else if (!matches(e, day))
      day += date::days{1};
    else
      return day;
  }
  return std::nullopt;
}

/// The last matching day at or before `day` that ends after `begin`.
std::optional<local_days> previous_day(const cron_expression& e, local_days day,
                                       local_seconds begin) {
  while (day + date::days{1} > begin) {
    if (!month_matches(e, day))
      day = last_of_previous_month(day);
    else if (!matches(e, day))
      day -= date::days{1};
    else
      return day;
  }
  return std::nullopt;
}

/// The earliest matching time of day at or after `from`.
std::optional<time_of_day> first_time(const cron_expression& e,
                                      time_of_day from) {
  date::hh_mm_ss<seconds> t{from};
  int h0 = t.hours().count(), m0 = t.minutes().count();
  int s0 = static_cast<int>(t.seconds().count());
  for (auto h = next_bit(e.hours, h0); h; h = next_bit(e.hours, *h + 1)) {
    auto m_from = *h == h0 ? m0 : 0;
    for (auto m = next_bit(e.minutes, m_from); m;
         m = next_bit(e.minutes, *m + 1)) {
      auto s_from = (*h == h0 && *m == m0) ? s0 : 0;
      if (auto s = next_bit(e.seconds, s_from)) return make_time(*h, *m, *s);
    }
  }
  return std::nullopt;
}

/// The latest matching time of day at or before `to`.
std::optional<time_of_day> last_time(const cron_expression& e, time_of_day to) {
  date::hh_mm_ss<seconds> t{to};
  int h0 = t.hours().count(), m0 = t.minutes().count();
  int s0 = static_cast<int>(t.seconds().count());
  for (auto h = previous_bit(e.hours, h0); h;
       h = previous_bit(e.hours, *h - 1)) {
    auto m_to = *h == h0 ? m0 : 59;
    for (auto m = previous_bit(e.minutes, m_to); m;
         m = previous_bit(e.minutes, *m - 1)) {
      auto s_to = (*h == h0 && *m == m0) ? s0 : 59;
      if (auto s = previous_bit(e.seconds, s_to)) return make_time(*h, *m, *s);
    }
  }
  return std::nullopt;
}

constexpr time_of_day end_of_day = hours{24} - seconds{1};

} // namespace

std::optional<local_seconds>
first_match(const cron_expression& e, local_seconds from, local_seconds end) {
  auto from_day = date::floor<date::days>(from);
  for (auto day = next_day(e, from_day, end); day;
       day = next_day(e, *day + date::days{1}, end)) {
    auto start = *day == from_day ? from - from_day : time_of_day{0};
    if (auto t = first_time(e, start))
      return *day + *t < end ? std::optional{*day + *t} : std::nullopt;
  }
  return std::nullopt;
}

std::optional<local_seconds> last_match(const cron_expression& e,
                                        local_seconds to, local_seconds begin) {
  auto to_day = date::floor<date::days>(to);
  for (auto day = previous_day(e, to_day, begin); day;
       day = previous_day(e, *day - date::days{1}, begin)) {
    auto until = *day == to_day ? to - to_day : end_of_day;
    if (auto t = last_time(e, until))
      return *day + *t >= begin ? std::optional{*day + *t} : std::nullopt;
  }
  return std::nullopt;
}

} // namespace switchboard::cron::detail
