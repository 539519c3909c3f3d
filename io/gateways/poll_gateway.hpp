#pragma once

// The polled platforms behind one interface: which request a poll makes
// next, and what a page of the answer holds. Dispatches to the platform
// codecs (twitter_poll.hpp, linkedin_codec.hpp).
//
// The contract with the poller (actors/polling/account_poller.cpp), which
// knows nothing of any platform:
// - A poll is a walk of pages. It starts with page token "", asks
//   poll_request() for each page and parse_poll_page() for its answer, and
//   follows gateway_page::next_token until it is empty. The token is the
//   gateway's own: it may name another endpoint (Twitter/X reads mentions,
//   then DM events, in one walk).
// - The account's cursor is opaque text owned by the gateway: the poller
//   passes the stored one in (polling_account, `cursor` below) and stores
//   the newest gateway_page::cursor of a walk (gateway_page.hpp) once the
//   walk completed; a walk cut short (rate limit) or failed stores none.
// - Every message is stored once per (account, platform_message_id); the
//   gateway makes those ids distinct across its endpoints.
// - A non-2xx answer, whichever request it answers, is the poller's to
//   judge (poll_error_policy); the gateway only reads 2xx bodies.

#include <string>

#include "io/gateways/gateway_page.hpp"
#include "messages/http_client.hpp"

namespace switchboard::gateways {

/// Where each platform's API lives (the simulators when they are enabled).
struct gateway_endpoints {
  std::string twitter = "https://api.twitter.com";
  std::string linkedin = "https://api.linkedin.com";
};

/// Whether a codec exists for `platform`.
bool has_gateway(const std::string& platform);

/// The request for the page `page_token` ("" first) of a poll of `account`.
http_request poll_request(const gateway_endpoints& endpoints,
                          const polling_account& account,
                          const std::string& page_token);

/// Reads a 2xx answer to poll_request(.., page_token); `cursor` is the
/// account's stored cursor (the one poll_request saw).
gateway_parse_result parse_poll_page(const std::string& platform,
                                     const std::string& body,
                                     const std::string& page_token,
                                     const std::string& cursor);

} // namespace switchboard::gateways
