#include "io/rfc3339.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <date/date.h>
#include <sstream>

namespace switchboard::io {

std::string format_rfc3339_ms(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  // Floor (not truncate towards zero) so times before 1970 stay correct.
  auto ms = floor<milliseconds>(t.time_since_epoch()).count();
  auto secs = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  auto millis = static_cast<int>(ms - static_cast<long long>(secs) * 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, millis);
  return buf;
}

std::optional<std::chrono::system_clock::time_point>
parse_rfc3339(std::string_view text) {
  std::string s{text};
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
    return static_cast<char>(std::toupper(c));
  });
  // date::parse reads offsets (%Ez) but not the "Z" of UTC.
  if (!s.empty() && s.back() == 'Z') s.replace(s.size() - 1, 1, "+00:00");
  std::istringstream in{s};
  date::sys_time<std::chrono::milliseconds> t{};
  in >> date::parse("%FT%T%Ez", t);
  if (in.fail() || in.peek() != std::char_traits<char>::eof())
    return std::nullopt;
  // system_clock counts nanoseconds in 64 bits: about 1677 to 2262.
  using sys = std::chrono::system_clock;
  auto limit = std::chrono::duration_cast<std::chrono::milliseconds>(
      sys::duration::max());
  if (t.time_since_epoch() >= limit || t.time_since_epoch() <= -limit)
    return std::nullopt;
  return std::chrono::time_point_cast<sys::duration>(t);
}

} // namespace switchboard::io
