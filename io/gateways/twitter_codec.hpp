#pragma once

// Twitter/X API v2 mentions (specs/TWITTER-X-API-v2.md): one poll is
// GET /2/users/{id}/mentions?since_id=<cursor>&max_results=100, then the
// pages its meta.next_token names, newest first. Pure functions.

#include <string>

#include "io/gateways/gateway_page.hpp"
#include "messages/http_client.hpp"

namespace switchboard::gateways {

/// The request for one page; `cursor` empty: no since_id (first poll),
/// `page_token` empty: the first page.
http_request twitter_mentions_request(const std::string& base_url,
                                      const std::string& user_id,
                                      const std::string& access_token,
                                      const std::string& cursor,
                                      const std::string& page_token);

/// Reads a 2xx answer: data[] into messages, meta.next_token, meta.newest_id.
gateway_parse_result parse_twitter_mentions(const std::string& body);

} // namespace switchboard::gateways
