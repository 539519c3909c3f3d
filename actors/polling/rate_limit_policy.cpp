#include "actors/polling/rate_limit_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "messages/http_client.hpp"

namespace switchboard::polling {

namespace {

using days = std::chrono::duration<int64_t, std::ratio<86400>>;

constexpr std::chrono::minutes twitter_window{15};

// 9999-12-31T23:59:59Z: later values are garbage, and would overflow the
// nanoseconds of caf::timestamp.
constexpr int64_t max_reset_seconds = 253402300799;

caf::optional<int64_t> parse_count(std::string_view text) {
  int64_t value = 0;
  auto end = text.data() + text.size();
  if (text.empty() || text.front() == '-') return caf::none;
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end) return caf::none;
  return value;
}

} // namespace

rate_limit_info parse_rate_limit(std::string_view limit,
                                 std::string_view remaining,
                                 std::string_view reset) {
  rate_limit_info info;
  info.limit = parse_count(limit);
  info.remaining = parse_count(remaining);
  if (auto seconds = parse_count(reset);
      seconds && *seconds <= max_reset_seconds)
    info.reset = caf::timestamp{std::chrono::seconds{*seconds}};
  return info;
}

rate_limit_info parse_rate_limit(const http_response& response) {
  return parse_rate_limit(response.header("x-rate-limit-limit"),
                          response.header("x-rate-limit-remaining"),
                          response.header("x-rate-limit-reset"));
}

bool exhausted(const rate_limit_info& info) {
  return info.remaining && *info.remaining == 0;
}

caf::timestamp default_reset(std::string_view platform, caf::timestamp now) {
  if (platform == "linkedin") return std::chrono::floor<days>(now) + days{1};
  return now + twitter_window;
}

caf::timestamp resume_at(std::string_view platform, const rate_limit_info& info,
                         caf::timestamp now) {
  auto reset = info.reset ? *info.reset : default_reset(platform, now);
  return std::max(reset, now + min_rate_limit_wait);
}

} // namespace switchboard::polling
