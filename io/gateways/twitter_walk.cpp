#include "io/gateways/twitter_walk.hpp"

namespace switchboard::gateways {

std::optional<twitter_walk> parse_twitter_walk(const std::string& page_token,
                                               const twitter_cursor& stored) {
  if (page_token.empty())
    return twitter_walk{twitter_stream::mentions, stored, {}};
  auto first = page_token.find('|');
  if (first != 1) return std::nullopt;
  auto second = page_token.find('|', first + 1);
  if (second == std::string::npos) return std::nullopt;
  twitter_walk out;
  switch (page_token[0]) {
  case 'm': out.stream = twitter_stream::mentions; break;
  case 'd': out.stream = twitter_stream::dms; break;
  default: return std::nullopt;
  }
  auto seen
      = parse_twitter_cursor(page_token.substr(first + 1, second - first - 1));
  if (!seen) return std::nullopt;
  out.seen = std::move(*seen);
  out.platform_token = page_token.substr(second + 1);
  return out;
}

std::string to_string(const twitter_walk& walk) {
  auto stream = walk.stream == twitter_stream::mentions ? "m|" : "d|";
  return stream + to_string(walk.seen) + "|" + walk.platform_token;
}

} // namespace switchboard::gateways
