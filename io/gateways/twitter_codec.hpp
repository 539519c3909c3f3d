#pragma once

// Twitter/X API v2 mentions (specs/TWITTER-X-API-v2.md): one poll is
// GET /2/users/{id}/mentions?since_id=<cursor>&max_results=100, then the
// pages its meta.next_token names, newest first. The poll of an account
// also reads its DM events (twitter_dm_codec.hpp); twitter_poll.hpp walks
// both. Pure functions.

#include <string>
#include <vector>

#include "messages/http_client.hpp"
#include "messages/polling.hpp"

namespace switchboard::gateways {

/// One page of one Twitter/X stream (mentions or DM events).
struct twitter_page {
  std::vector<polled_message> messages;
  /// meta.next_token; empty on the stream's last page.
  std::string next_token;
  /// The newest platform id on the page (a tweet or DM event id), empty
  /// when none.
  std::string newest_id;
};

/// A 2xx answer read, or `error` naming what was wrong (never a token or a
/// body).
struct twitter_parse_result {
  bool ok = false;
  twitter_page page;
  std::string error;
};

/// The request for one page; `since_id` empty: none (first poll),
/// `page_token` empty: the first page.
http_request twitter_mentions_request(const std::string& base_url,
                                      const std::string& user_id,
                                      const std::string& access_token,
                                      const std::string& since_id,
                                      const std::string& page_token);

/// Reads a 2xx answer: data[] into messages, meta.next_token, the newest id.
twitter_parse_result parse_twitter_mentions(const std::string& body);

} // namespace switchboard::gateways
