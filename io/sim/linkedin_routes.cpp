#include "io/sim/linkedin_routes.hpp"

#include <nlohmann/json.hpp>

#include "io/sim/account_stream.hpp"
#include "io/sim/sim_core.hpp"
#include "io/sim/stream_ids.hpp"

namespace switchboard::sim {

namespace {

using nlohmann::json;

enum endpoint : std::size_t { posts_endpoint = 0, comments_endpoint = 1 };

constexpr std::string_view org_prefix = "urn:li:organization:";
constexpr uint32_t max_count = 100;
constexpr int64_t day_ms = 24LL * 60 * 60 * 1000;

http::response restli_error(int status, int service_code, std::string code,
                            std::string message) {
  return http::json(status, {{"status", status},
                             {"serviceErrorCode", service_code},
                             {"code", code},
                             {"message", message}});
}

http::response unauthorized() {
  return restli_error(401, 65600, "INVALID_ACCESS_TOKEN",
                      "Invalid access token");
}

http::response throttled() {
  return restli_error(429, 101, "TOO_MANY_REQUESTS",
                      "Resource level throttle limit for calls to this "
                      "resource is reached.");
}

http::response bad_request(const std::string& message) {
  return restli_error(400, 100, "ILLEGAL_ARGUMENT", message);
}

fault_renderer linkedin_faults(std::shared_ptr<sim_core> core, endpoint ep) {
  return [core, ep](const fault_rule& rule, const std::string& account) {
    if (rule.kind == fault_kind::revoked) return unauthorized();
    if (rule.kind == fault_kind::rate_limit) {
      auto now = core->now_ms();
      auto until = rule.reset_after_ms ? now + rule.reset_after_ms
                                       : next_utc_midnight_ms(now);
      core->with_account(account, [&](account_state& st) {
        exhaust(st.windows[ep], core->settings().linkedin_daily_limit, until);
      });
      return throttled();
    }
    return restli_error(rule.status, 0, "INTERNAL_SERVER_ERROR",
                        "Internal Server Error");
  };
}

/// Checks the headers every call needs; an answer when one is wrong.
std::optional<http::response> check_headers(const http::request& req) {
  if (bearer_token(req).empty()) return unauthorized();
  const auto& version = req.header("linkedin-version");
  if (version.empty())
    return restli_error(400, 0, "VERSION_MISSING",
                        "A version must be present. Please specify a version "
                        "by adding the LinkedIn-Version header.");
  if (!all_digits(version, 6) || version.size() != 6)
    return restli_error(426, 0, "NONEXISTENT_VERSION",
                        "Requested version " + version + " is not active");
  return std::nullopt;
}

/// start and count of Rest.li offset paging.
std::variant<std::pair<uint32_t, uint32_t>, http::response>
paging_of(const http::request& req) {
  uint32_t start = 0;
  uint32_t count = 10;
  for (auto [name, field] :
       {std::pair{"start", &start}, std::pair{"count", &count}}) {
    auto i = req.query.find(name);
    if (i == req.query.end()) continue;
    auto n = parse_id(i->second);
    if (!n || *n > 1'000'000)
      return bad_request(std::string{name} + " must be a non-negative integer");
    *field = static_cast<uint32_t>(*n);
  }
  if (count > max_count) return bad_request("count must be at most 100");
  return std::pair{start, count};
}

std::optional<http::response> spend(sim_core& core, const std::string& org,
                                    endpoint ep) {
  auto now = core.now_ms();
  auto decision = core.with_account(org, [&](account_state& st) {
    return take_request(st.windows[ep], now,
                        core.settings().linkedin_daily_limit,
                        next_utc_midnight_ms(now));
  });
  if (decision.allowed) return std::nullopt;
  core.count_rate_limited(org);
  return throttled();
}

json paging_json(uint32_t start, uint32_t count, uint64_t total) {
  return {{"start", start},
          {"count", count},
          {"total", total},
          {"links", json::array()}};
}

// -- posts --------------------------------------------------------------------

http::response posts_page(sim_core& core, const std::string& org,
                          uint32_t start, uint32_t count) {
  json elements = json::array();
  for (uint32_t n = posts_per_organization - start;
       n >= 1 && n <= posts_per_organization && elements.size() < count; --n)
    elements.push_back(
        {{"id", post_urn(org, n)},
         {"author", std::string{org_prefix} + org},
         {"commentary", "Simulated post " + std::to_string(n)},
         {"createdAt",
          core.start_ms() - int64_t(posts_per_organization + 1 - n) * day_ms},
         {"lifecycleState", "PUBLISHED"},
         {"visibility", "PUBLIC"}});
  core.count_served(org, elements.size());
  return http::json(
      200, {{"elements", elements},
            {"paging", paging_json(start, count, posts_per_organization)}});
}

void on_posts(const std::shared_ptr<sim_core>& core,
              const fault_renderer& render, http::request req,
              http::responder res) {
  if (auto refusal = check_headers(req))
    return res(std::move(*refusal)), void();
  auto author = req.query["author"];
  auto org = author.rfind(org_prefix, 0) == 0 ? author.substr(org_prefix.size())
                                              : std::string{};
  core->serve(
      org.empty() ? "(invalid)" : org, res, render, [&]() -> http::response {
        if (req.query["q"] != "author" || !all_digits(org))
          return bad_request("expected q=author and "
                             "author=urn:li:organization:ID");
        auto paging = paging_of(req);
        if (auto* bad = std::get_if<http::response>(&paging)) return *bad;
        if (auto refusal = spend(*core, org, posts_endpoint)) return *refusal;
        auto [start, count] = std::get<std::pair<uint32_t, uint32_t>>(paging);
        return posts_page(*core, org, start, count);
      });
}

// -- comments -----------------------------------------------------------------

json comment_json(const account_stream& stream, const post_ref& post,
                  const std::string& urn, uint64_t k, int64_t start_ms) {
  auto id
      = std::to_string(stream_id(comment_id_base, stream.account_hash(), k));
  auto h = stream.message_hash(k);
  auto actor = "urn:li:person:sim" + std::to_string(h % 50);
  auto activity = "urn:li:activity:" + post.organization + "0"
                  + std::to_string(post.number);
  json stamp = {{"time", start_ms + stream.arrival_ms(k)}, {"actor", actor}};
  return {{"id", id},
          {"$URN", "urn:li:comment:(" + activity + "," + id + ")"},
          {"actor", actor},
          {"message", {{"text", "simulated comment " + std::to_string(k)}}},
          {"created", stamp},
          {"lastModified", stamp},
          {"object", urn}};
}

http::response comments_page(sim_core& core, const post_ref& post,
                             const std::string& urn, uint32_t start,
                             uint32_t count) {
  const auto& s = core.settings();
  account_stream stream{s.seed, "comments", post.organization,
                        s.messages_per_minute, s.backlog};
  auto n = stream.available(core.now_ms() - core.start_ms());
  // The post's comments are k = first, first + P, ...; newest first.
  uint64_t first = post.number - 1;
  uint64_t total = n > first ? (n - first + posts_per_organization - 1)
                                   / posts_per_organization
                             : 0;
  json elements = json::array();
  for (uint64_t i = start; i < total && elements.size() < count; ++i) {
    auto k = first + (total - 1 - i) * posts_per_organization;
    elements.push_back(comment_json(stream, post, urn, k, core.start_ms()));
  }
  core.count_served(post.organization, elements.size());
  return http::json(200, {{"elements", elements},
                          {"paging", paging_json(start, count, total)}});
}

void on_comments(const std::shared_ptr<sim_core>& core,
                 const fault_renderer& render, http::request req,
                 http::responder res) {
  if (auto refusal = check_headers(req))
    return res(std::move(*refusal)), void();
  auto urn = req.param("urn");
  auto post = parse_post_urn(urn);
  core->serve(
      post ? post->organization : "(invalid)", res, render,
      [&]() -> http::response {
        if (!post)
          return restli_error(404, 0, "NOT_FOUND", "Not found: " + urn);
        auto paging = paging_of(req);
        if (auto* bad = std::get_if<http::response>(&paging)) return *bad;
        if (auto refusal = spend(*core, post->organization, comments_endpoint))
          return *refusal;
        auto [start, count] = std::get<std::pair<uint32_t, uint32_t>>(paging);
        return comments_page(*core, *post, urn, start, count);
      });
}

} // namespace

std::string post_urn(const std::string& organization, uint32_t n) {
  return "urn:li:share:" + organization + "0" + std::to_string(n);
}

std::optional<post_ref> parse_post_urn(std::string_view urn) {
  for (std::string_view prefix :
       {"urn:li:share:", "urn:li:ugcPost:", "urn:li:activity:"}) {
    if (urn.substr(0, prefix.size()) != prefix) continue;
    auto digits = urn.substr(prefix.size());
    if (digits.size() < 3 || !all_digits(digits, 21)) return std::nullopt;
    auto n = static_cast<uint32_t>(digits.back() - '0');
    if (digits[digits.size() - 2] != '0' || n < 1 || n > posts_per_organization)
      return std::nullopt;
    return post_ref{std::string{digits.substr(0, digits.size() - 2)}, n};
  }
  return std::nullopt;
}

void add_linkedin_routes(http::router& routes, std::shared_ptr<sim_core> core) {
  routes.add(
      "GET", "/rest/posts",
      [core, render = linkedin_faults(core, posts_endpoint)](
          http::request req, http::responder res) {
        on_posts(core, render, std::move(req), std::move(res));
      },
      http::auth::none);
  routes.add(
      "GET", "/rest/socialActions/{urn}/comments",
      [core, render = linkedin_faults(core, comments_endpoint)](
          http::request req, http::responder res) {
        on_comments(core, render, std::move(req), std::move(res));
      },
      http::auth::none);
}

} // namespace switchboard::sim
