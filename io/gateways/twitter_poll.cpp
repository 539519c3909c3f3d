#include "io/gateways/twitter_poll.hpp"

#include "io/gateways/twitter_codec.hpp"
#include "io/gateways/twitter_cursor.hpp"
#include "io/gateways/twitter_dm_codec.hpp"
#include "io/gateways/twitter_walk.hpp"

namespace switchboard::gateways {

namespace {

gateway_parse_result failed(std::string error) {
  gateway_parse_result out;
  out.error = std::move(error);
  return out;
}

/// The page token after a page of `walk`'s stream that ended with
/// `platform_next`: more of the stream, the DMs after the mentions, or ""
/// when the poll is done.
std::string next_token_of(twitter_walk walk, std::string platform_next) {
  if (platform_next.empty()) {
    if (walk.stream == twitter_stream::dms) return {};
    walk.stream = twitter_stream::dms;
  }
  walk.platform_token = std::move(platform_next);
  return to_string(walk);
}

} // namespace

http_request twitter_poll_request(const std::string& base_url,
                                  const polling_account& account,
                                  const std::string& page_token) {
  const auto& acc = account.account;
  // An unreadable cursor or token still makes a well-formed request; the
  // answer's parse reports it (parse_twitter_poll).
  auto stored = parse_twitter_cursor(acc.cursor).value_or(twitter_cursor{});
  auto walk = parse_twitter_walk(page_token, stored)
                  .value_or(twitter_walk{twitter_stream::mentions, stored, {}});
  if (walk.stream == twitter_stream::dms)
    return twitter_dm_request(base_url, account.access_token.value,
                              walk.platform_token);
  return twitter_mentions_request(base_url, acc.user_id,
                                  account.access_token.value, stored.mentions,
                                  walk.platform_token);
}

gateway_parse_result parse_twitter_poll(const std::string& body,
                                        const std::string& page_token,
                                        const std::string& stored_cursor) {
  auto stored = parse_twitter_cursor(stored_cursor);
  if (!stored) return failed("twitter: the stored cursor is not understood");
  auto walk = parse_twitter_walk(page_token, *stored);
  if (!walk) return failed("twitter: the page token is not understood");
  auto dms = walk->stream == twitter_stream::dms;
  auto parsed = dms ? parse_twitter_dm_events(body, stored->dms)
                    : parse_twitter_mentions(body);
  if (!parsed.ok) return failed(std::move(parsed.error));
  twitter_cursor page_newest;
  (dms ? page_newest.dms : page_newest.mentions) = parsed.page.newest_id;
  walk->seen = newest_of(std::move(walk->seen), page_newest);
  gateway_parse_result out;
  out.ok = true;
  out.page.messages = std::move(parsed.page.messages);
  out.page.cursor = to_string(walk->seen);
  out.page.next_token
      = next_token_of(std::move(*walk), std::move(parsed.page.next_token));
  return out;
}

} // namespace switchboard::gateways
