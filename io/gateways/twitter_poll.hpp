#pragma once

// One poll of a Twitter/X account reads two streams: its mentions
// (twitter_codec.hpp), then its DM events (twitter_dm_codec.hpp), each to
// its last new page. The page token (twitter_walk.hpp) says which stream
// the next request reads and carries the cursor the pages so far add up
// to; each page's gateway_page::cursor is that full cursor
// (twitter_cursor.hpp), so the last page's is the account's next cursor.
// Pure functions.

#include <string>

#include "io/gateways/gateway_page.hpp"
#include "messages/http_client.hpp"

namespace switchboard::gateways {

/// The request for page `page_token` ("" first) of a poll of `account`.
http_request twitter_poll_request(const std::string& base_url,
                                  const polling_account& account,
                                  const std::string& page_token);

/// Reads a 2xx answer to twitter_poll_request(.., page_token) for an
/// account whose stored cursor is `stored_cursor`.
gateway_parse_result parse_twitter_poll(const std::string& body,
                                        const std::string& page_token,
                                        const std::string& stored_cursor);

} // namespace switchboard::gateways
