#pragma once

// The polled platforms behind one interface: which request a poll makes
// next, and what a page of the answer holds. Dispatches to the platform
// codecs (twitter_codec.hpp, linkedin_codec.hpp).

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

/// Reads a 2xx answer to poll_request(.., page_token).
gateway_parse_result parse_poll_page(const std::string& platform,
                                     const std::string& body,
                                     const std::string& page_token,
                                     const std::string& cursor);

} // namespace switchboard::gateways
