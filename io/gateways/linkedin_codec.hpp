#pragma once

// LinkedIn organization comments (specs/LINKEDIN.md): one poll lists the
// organization's posts (GET /rest/posts?q=author), then walks each post's
// comments newest first (GET /rest/socialActions/{urn}/comments, Rest.li
// offset paging) until it reaches a comment not newer than the cursor. The
// pagination token carries that walk: "<post index>|<start>|<urn>,<urn>...".
// Pure functions.

#include <string>

#include "io/gateways/gateway_page.hpp"
#include "messages/http_client.hpp"

namespace switchboard::gateways {

/// The LinkedIn-Version header the codec speaks.
constexpr const char* linkedin_version = "202401";

/// Comments per page.
constexpr int linkedin_page_size = 100;

/// `organization` is the account's user id (the numeric organization id).
/// `page_token` empty: the posts listing that starts a poll.
http_request linkedin_request(const std::string& base_url,
                              const std::string& organization,
                              const std::string& access_token,
                              const std::string& page_token);

/// Reads a 2xx answer to linkedin_request(.., page_token).
gateway_parse_result parse_linkedin(const std::string& body,
                                    const std::string& page_token,
                                    const std::string& cursor);

} // namespace switchboard::gateways
