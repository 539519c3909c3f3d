#include "io/fcm/retry_after.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <string>

namespace switchboard::fcm {

namespace {

std::optional<int64_t> parse_seconds(std::string_view value) {
  int64_t seconds = 0;
  auto [end, ec]
      = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc{} || end != value.data() + value.size() || seconds < 0)
    return std::nullopt;
  // A year is more than any provider means; larger values are garbage.
  constexpr int64_t max_seconds = 365LL * 24 * 3600;
  return std::min(seconds, max_seconds) * 1000;
}

std::optional<int64_t>
parse_http_date(std::string_view value,
                std::chrono::system_clock::time_point now) {
  // IMF-fixdate (RFC 9110), always GMT. std::get_time rather than
  // date::parse: GCC 12 at -O2 reports a maybe-uninitialized inside
  // date.h's from_stream for this format, which -Werror turns fatal.
  std::istringstream in{std::string{value}};
  in.imbue(std::locale::classic());
  std::tm fields{};
  in >> std::get_time(&fields, "%a, %d %b %Y %H:%M:%S");
  std::string zone;
  in >> zone;
  if (in.fail() || zone != "GMT") return std::nullopt;
  auto when = std::chrono::system_clock::from_time_t(timegm(&fields));
  auto delay
      = std::chrono::duration_cast<std::chrono::milliseconds>(when - now);
  return std::max<int64_t>(0, delay.count());
}

} // namespace

std::optional<int64_t>
parse_retry_after_ms(std::string_view value,
                     std::chrono::system_clock::time_point now) {
  auto first = value.find_first_not_of(" \t");
  if (first == std::string_view::npos) return std::nullopt;
  value = value.substr(first, value.find_last_not_of(" \t") - first + 1);
  if (value.front() >= '0' && value.front() <= '9') return parse_seconds(value);
  return parse_http_date(value, now);
}

} // namespace switchboard::fcm
