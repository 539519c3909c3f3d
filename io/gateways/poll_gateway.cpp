#include "io/gateways/poll_gateway.hpp"

#include "io/gateways/linkedin_codec.hpp"
#include "io/gateways/twitter_poll.hpp"

namespace switchboard::gateways {

bool has_gateway(const std::string& platform) {
  return platform == "twitter" || platform == "linkedin";
}

http_request poll_request(const gateway_endpoints& endpoints,
                          const polling_account& account,
                          const std::string& page_token) {
  const auto& acc = account.account;
  if (acc.platform == "linkedin")
    return linkedin_request(endpoints.linkedin, acc.user_id,
                            account.access_token.value, page_token);
  return twitter_poll_request(endpoints.twitter, account, page_token);
}

gateway_parse_result parse_poll_page(const std::string& platform,
                                     const std::string& body,
                                     const std::string& page_token,
                                     const std::string& cursor) {
  if (platform == "linkedin") return parse_linkedin(body, page_token, cursor);
  return parse_twitter_poll(body, page_token, cursor);
}

} // namespace switchboard::gateways
