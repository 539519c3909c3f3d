#include "io/gateways/twitter_cursor.hpp"

#include "io/gateways/gateway_page.hpp"

namespace switchboard::gateways {

namespace {

constexpr std::string_view v2_prefix = "tw2:";

bool is_id_or_empty(const std::string& text) {
  return text.empty() || is_twitter_id(text);
}

} // namespace

bool is_twitter_id(const std::string& text) {
  if (text.empty() || text.size() > 19) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<twitter_cursor> parse_twitter_cursor(const std::string& text) {
  if (text.empty()) return twitter_cursor{};
  if (is_twitter_id(text)) return twitter_cursor{text, {}};
  if (text.compare(0, v2_prefix.size(), v2_prefix) != 0) return std::nullopt;
  auto rest = text.substr(v2_prefix.size());
  auto colon = rest.find(':');
  if (colon == std::string::npos) return std::nullopt;
  twitter_cursor out{rest.substr(0, colon), rest.substr(colon + 1)};
  if (!is_id_or_empty(out.mentions) || !is_id_or_empty(out.dms))
    return std::nullopt;
  return out;
}

std::string to_string(const twitter_cursor& cursor) {
  return std::string{v2_prefix} + cursor.mentions + ":" + cursor.dms;
}

twitter_cursor newest_of(twitter_cursor a, const twitter_cursor& b) {
  if (newer_id(b.mentions, a.mentions)) a.mentions = b.mentions;
  if (newer_id(b.dms, a.dms)) a.dms = b.dms;
  return a;
}

} // namespace switchboard::gateways
