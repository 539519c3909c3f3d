#pragma once

// The LinkedIn simulator's routes (specs/LINKEDIN.md): an organization's
// posts, GET /rest/posts?q=author&author=urn:li:organization:ID, and their
// comments, GET /rest/socialActions/{post URN}/comments, with Rest.li offset
// paging, bearer auth, the LinkedIn-Version header, and per-organization
// daily rate limits that reset at midnight UTC (no rate-limit headers).

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "io/http/router.hpp"

namespace switchboard::sim {

class sim_core;

void add_linkedin_routes(http::router& routes, std::shared_ptr<sim_core> core);

/// Each organization has this many posts; comment k of the organization's
/// stream is on post (k mod posts_per_organization) + 1.
constexpr uint32_t posts_per_organization = 3;

/// The URN of post `n` (1-based) of an organization:
/// "urn:li:share:" + org + "0" + n.
std::string post_urn(const std::string& organization, uint32_t n);

/// The organization and post number of a post URN (share, ugcPost or
/// activity), when it is one this simulator made.
struct post_ref {
  std::string organization;
  uint32_t number = 0;
};
std::optional<post_ref> parse_post_urn(std::string_view urn);

} // namespace switchboard::sim
