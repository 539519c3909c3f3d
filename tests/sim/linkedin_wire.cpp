#define CAF_SUITE sim.linkedin_wire
#include "caf/test/unit_test.hpp"

#include "io/sim/linkedin_routes.hpp"
#include "tests/sim/sim_fixture.hpp"

using namespace switchboard::sim;
using namespace switchboard::sim::testing;
using nlohmann::json;

namespace {

constexpr platform li = platform::linkedin;

header_list headers() {
  return {{"Authorization", "Bearer member-token"},
          {"LinkedIn-Version", "202401"},
          {"X-Restli-Protocol-Version", "2.0.0"}};
}

std::string comments_of(const std::string& urn, const std::string& query = "") {
  std::string encoded;
  for (char c : urn)
    encoded += c == ':' ? std::string{"%3A"} : std::string{c};
  return "/rest/socialActions/" + encoded + "/comments" + query;
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(linkedin_wire_tests, sim_fixture)

CAF_TEST(an organization lists its posts with Rest.li paging) {
  start({li});
  auto res = get(li,
                 "/rest/posts?q=author&author=urn%3Ali%3Aorganization%3A"
                 "2414183&count=2",
                 headers());
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto body = res.json();
  CAF_REQUIRE_EQUAL(body["elements"].size(), 2u);
  CAF_CHECK_EQUAL(body["elements"][0]["id"], post_urn("2414183", 3));
  CAF_CHECK_EQUAL(body["elements"][0]["author"], "urn:li:organization:2414183");
  CAF_CHECK_EQUAL(body["paging"]["total"].get<int>(), 3);
  CAF_CHECK_EQUAL(body["paging"]["count"].get<int>(), 2);
}

CAF_TEST(comments page by start and count newest first) {
  settings.backlog = 30;
  start({li});
  auto urn = post_urn("2414183", 1);
  auto first = get(li, comments_of(urn, "?start=0&count=4"), headers());
  CAF_REQUIRE_EQUAL(first.status, 200);
  auto body = first.json();
  CAF_CHECK_EQUAL(body["paging"]["total"].get<int>(), 10);
  CAF_REQUIRE_EQUAL(body["elements"].size(), 4u);
  const auto& c = body["elements"][0];
  for (auto& key : {"id", "$URN", "actor", "message", "created", "object"})
    CAF_CHECK(c.contains(key));
  CAF_CHECK_EQUAL(c["object"], urn);
  CAF_CHECK_GREATER(c["created"]["time"].get<int64_t>(),
                    body["elements"][1]["created"]["time"].get<int64_t>());
  auto rest = get(li, comments_of(urn, "?start=8&count=4"), headers()).json();
  CAF_CHECK_EQUAL(rest["elements"].size(), 2u);
  CAF_CHECK_EQUAL(sims->linkedin().stats().account("2414183").messages_served,
                  6u);
}

CAF_TEST(the version header and the token are required) {
  start({li});
  auto urn = post_urn("1", 1);
  auto no_version
      = get(li, comments_of(urn), {{"Authorization", "Bearer member-token"}});
  CAF_CHECK_EQUAL(no_version.status, 400);
  CAF_CHECK_EQUAL(no_version.json()["code"].get<std::string>(),
                  "VERSION_MISSING");
  CAF_CHECK_EQUAL(
      get(li, comments_of(urn), {{"LinkedIn-Version", "202401"}}).status, 401);
  CAF_CHECK_EQUAL(get(li, comments_of("urn:li:share:12"), headers()).status,
                  404);
}

CAF_TEST(the daily limit answers 429 until midnight UTC) {
  settings.linkedin_daily_limit = 2;
  start({li});
  auto target = comments_of(post_urn("77", 2));
  CAF_CHECK_EQUAL(get(li, target, headers()).status, 200);
  CAF_CHECK_EQUAL(get(li, target, headers()).status, 200);
  auto limited = get(li, target, headers());
  CAF_CHECK_EQUAL(limited.status, 429);
  CAF_CHECK_EQUAL(limited.json()["code"].get<std::string>(),
                  "TOO_MANY_REQUESTS");
  CAF_CHECK(limited.header("x-rate-limit-reset").empty());
  sims->linkedin().advance_clock(std::chrono::hours{24});
  CAF_CHECK_EQUAL(get(li, target, headers()).status, 200);
  CAF_CHECK_EQUAL(sims->linkedin().stats().account("77").rate_limited, 1u);
}

CAF_TEST_FIXTURE_SCOPE_END()
