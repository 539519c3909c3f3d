#define CAF_SUITE sim.twitter_wire
#include <set>

#include "caf/test/unit_test.hpp"

#include "tests/sim/sim_fixture.hpp"

using namespace switchboard::sim;
using namespace switchboard::sim::testing;
using nlohmann::json;

namespace {

constexpr platform x = platform::twitter;

/// Every mention id of user 42 by following next_token from the first page.
std::vector<std::string> all_pages(sim_fixture& f, const std::string& query) {
  std::vector<std::string> ids;
  std::string token;
  for (int page = 0; page < 50; ++page) {
    auto target = "/2/users/42/mentions?max_results=10" + query
                  + (token.empty() ? "" : "&pagination_token=" + token);
    auto res = f.get(x, target, bearer());
    CAF_REQUIRE_EQUAL(res.status, 200);
    auto body = res.json();
    for (auto& m : body.value("data", json::array()))
      ids.push_back(m["id"].get<std::string>());
    if (!body["meta"].contains("next_token")) break;
    token = body["meta"]["next_token"].get<std::string>();
  }
  return ids;
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(twitter_wire_tests, sim_fixture)

CAF_TEST(mentions have the X shape newest first with rate limit headers) {
  settings.backlog = 12;
  start({x});
  auto res = get(x, "/2/users/42/mentions?expansions=author_id", bearer());
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto body = res.json();
  const auto& data = body["data"];
  CAF_REQUIRE_EQUAL(data.size(), 10u);
  for (auto& key : {"id", "text", "author_id", "created_at",
                    "edit_history_tweet_ids", "conversation_id"})
    CAF_CHECK(data[0].contains(key));
  CAF_CHECK(data[0]["id"].is_string());
  CAF_CHECK_GREATER(std::stoull(data[0]["id"].get<std::string>()),
                    std::stoull(data[1]["id"].get<std::string>()));
  const auto& meta = body["meta"];
  CAF_CHECK_EQUAL(meta["result_count"].get<int>(), 10);
  CAF_CHECK_EQUAL(meta["newest_id"], data[0]["id"]);
  CAF_CHECK_EQUAL(meta["oldest_id"], data[9]["id"]);
  CAF_CHECK(meta.contains("next_token"));
  CAF_CHECK(!body["includes"]["users"].empty());
  CAF_CHECK_EQUAL(res.header("x-rate-limit-limit"), "900");
  CAF_CHECK_EQUAL(res.header("x-rate-limit-remaining"), "899");
  auto reset = std::stoll(res.header("x-rate-limit-reset"));
  auto now = std::chrono::duration_cast<std::chrono::seconds>(
                 sims->twitter().now().time_since_epoch())
                 .count();
  CAF_CHECK_GREATER_OR_EQUAL(reset, now + 899);
  CAF_CHECK_LESS_OR_EQUAL(reset, now + 901);
}

CAF_TEST(pagination follows next_token to the end without repeats) {
  settings.backlog = 37;
  start({x});
  auto ids = all_pages(*this, "");
  CAF_CHECK_EQUAL(ids.size(), 37u);
  CAF_CHECK_EQUAL(std::set<std::string>(ids.begin(), ids.end()).size(), 37u);
  for (std::size_t i = 1; i < ids.size(); ++i)
    CAF_CHECK_GREATER(std::stoull(ids[i - 1]), std::stoull(ids[i]));
}

CAF_TEST(since_id returns only what arrived after it) {
  settings.messages_per_minute = 6;
  settings.backlog = 3;
  start({x});
  auto first = get(x, "/2/users/42/mentions", bearer()).json();
  CAF_REQUIRE_EQUAL(first["meta"]["result_count"].get<int>(), 3);
  auto newest = first["meta"]["newest_id"].get<std::string>();
  auto none = get(x, "/2/users/42/mentions?since_id=" + newest, bearer());
  CAF_CHECK_EQUAL(none.status, 200);
  CAF_CHECK(!none.json().contains("data"));
  CAF_CHECK_EQUAL(none.json()["meta"]["result_count"].get<int>(), 0);
  // 6 per minute per account on average, 3 to 9 for one account.
  sims->twitter().advance_clock(std::chrono::minutes{10});
  auto fresh = all_pages(*this, "&since_id=" + newest);
  CAF_CHECK_GREATER_OR_EQUAL(fresh.size(), 30u);
  CAF_CHECK_LESS_OR_EQUAL(fresh.size(), 91u);
  for (auto& id : fresh)
    CAF_CHECK_GREATER(std::stoull(id), std::stoull(newest));
  auto stats = sims->twitter().stats().account("42");
  CAF_CHECK_EQUAL(stats.messages_served, 3 + fresh.size());
}

CAF_TEST(bad parameters and missing tokens are refused the way X does) {
  start({x});
  auto small = get(x, "/2/users/42/mentions?max_results=3", bearer());
  CAF_CHECK_EQUAL(small.status, 400);
  CAF_CHECK_EQUAL(small.json()["type"].get<std::string>(),
                  "https://api.twitter.com/2/problems/invalid-request");
  CAF_CHECK_EQUAL(get(x, "/2/users/abc/mentions", bearer()).status, 400);
  CAF_CHECK_EQUAL(
      get(x, "/2/users/42/mentions?pagination_token=!!", bearer()).status, 400);
  auto anonymous = get(x, "/2/users/42/mentions");
  CAF_CHECK_EQUAL(anonymous.status, 401);
  CAF_CHECK_EQUAL(anonymous.json()["title"].get<std::string>(), "Unauthorized");
}

CAF_TEST(the same seed serves the same messages and ids) {
  settings.backlog = 15;
  settings.seed = 99;
  start({x});
  auto run1 = all_pages(*this, "");
  auto text1
      = get(x, "/2/users/42/mentions", bearer()).json()["data"][0]["text"];
  sims.reset();
  start({x});
  CAF_CHECK_EQUAL(all_pages(*this, ""), run1);
  CAF_CHECK_EQUAL(get(x, "/2/users/42/mentions", bearer())
                      .json()["data"][0]["text"]
                      .get<std::string>(),
                  text1);
  sims.reset();
  settings.seed = 100;
  start({x});
  CAF_CHECK_NOT_EQUAL(all_pages(*this, ""), run1);
}

CAF_TEST(
    dm events belong to the user of the token and page with base32 tokens) {
  settings.backlog = 7;
  start({x});
  auto res = get(x, "/2/dm_events?max_results=5", bearer("user-2244994945"));
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto body = res.json();
  CAF_REQUIRE_EQUAL(body["data"].size(), 5u);
  const auto& event = body["data"][0];
  CAF_CHECK_EQUAL(event["event_type"], "MessageCreate");
  auto conversation = event["dm_conversation_id"].get<std::string>();
  CAF_CHECK_EQUAL(conversation.substr(conversation.size() - 11), "-2244994945");
  auto token = body["meta"]["next_token"].get<std::string>();
  CAF_CHECK_GREATER_OR_EQUAL(token.size(), 16u);
  auto rest = get(x, "/2/dm_events?max_results=5&pagination_token=" + token,
                  bearer("user-2244994945"))
                  .json();
  CAF_CHECK_EQUAL(rest["meta"]["result_count"].get<int>(), 2);
  CAF_CHECK(!rest["meta"].contains("next_token"));
  CAF_CHECK_EQUAL(sims->twitter().stats().account("2244994945").requests, 2u);
  auto me = get(x, "/2/users/me", bearer("user-2244994945")).json();
  CAF_CHECK_EQUAL(me["data"]["id"], "2244994945");
}

CAF_TEST(dm events are a seeded stream of their own counted as served) {
  settings.backlog = 7;
  settings.seed = 5;
  start({x});
  auto dm_ids = [this](const std::string& token) {
    std::vector<std::string> ids;
    std::string next;
    for (int page = 0; page < 10; ++page) {
      auto body = get(x,
                      "/2/dm_events?max_results=3&event_types=MessageCreate"
                          + (next.empty() ? "" : "&pagination_token=" + next),
                      bearer(token))
                      .json();
      for (auto& e : body.value("data", json::array()))
        ids.push_back(e["id"].get<std::string>());
      if (!body["meta"].contains("next_token")) break;
      next = body["meta"]["next_token"].get<std::string>();
    }
    return ids;
  };
  auto run1 = dm_ids("user-42");
  CAF_REQUIRE_EQUAL(run1.size(), 7u);
  CAF_CHECK_EQUAL(std::set<std::string>(run1.begin(), run1.end()).size(), 7u);
  for (std::size_t i = 1; i < run1.size(); ++i)
    CAF_CHECK_GREATER(std::stoull(run1[i - 1]), std::stoull(run1[i]));
  CAF_CHECK_EQUAL(sims->twitter().stats().account("42").messages_served, 7u);
  CAF_MESSAGE("apart from the account's mentions and other users' DMs");
  auto mentions = all_pages(*this, "");
  auto other = dm_ids("user-43");
  std::set<std::string> all(run1.begin(), run1.end());
  all.insert(mentions.begin(), mentions.end());
  all.insert(other.begin(), other.end());
  CAF_CHECK_EQUAL(all.size(), run1.size() + mentions.size() + other.size());
  CAF_MESSAGE("event_types filters (the stream holds only MessageCreate)");
  auto joins = get(x,
                   "/2/dm_events?event_types=ParticipantsJoin,"
                   "ParticipantsLeave",
                   bearer());
  CAF_CHECK_EQUAL(joins.status, 200);
  CAF_CHECK(!joins.json().contains("data"));
  CAF_CHECK_EQUAL(joins.json()["meta"]["result_count"].get<int>(), 0);
  auto bad = get(x, "/2/dm_events?event_types=MessageCreate,Typing", bearer());
  CAF_CHECK_EQUAL(bad.status, 400);
  CAF_CHECK_EQUAL(bad.json()["type"].get<std::string>(),
                  "https://api.twitter.com/2/problems/invalid-request");
  CAF_MESSAGE("the same seed serves the same DMs again");
  sims.reset();
  start({x});
  CAF_CHECK_EQUAL(dm_ids("user-42"), run1);
}

CAF_TEST(each account has its own rate - limit window) {
  settings.twitter_rate_limit = 3;
  settings.twitter_rate_window_ms = 60'000;
  start({x});
  for (int i = 2; i >= 0; --i) {
    auto ok = get(x, "/2/users/42/mentions", bearer());
    CAF_CHECK_EQUAL(ok.status, 200);
    CAF_CHECK_EQUAL(ok.header("x-rate-limit-remaining"), std::to_string(i));
  }
  auto limited = get(x, "/2/users/42/mentions", bearer());
  CAF_CHECK_EQUAL(limited.status, 429);
  CAF_CHECK_EQUAL(limited.json()["title"].get<std::string>(),
                  "Too Many Requests");
  CAF_CHECK_EQUAL(limited.header("x-rate-limit-remaining"), "0");
  CAF_CHECK_EQUAL(limited.header("x-rate-limit-limit"), "3");
  CAF_CHECK(!limited.header("x-rate-limit-reset").empty());
  CAF_CHECK_EQUAL(get(x, "/2/users/43/mentions", bearer()).status, 200);
  // DMs count in their own window.
  CAF_CHECK_EQUAL(get(x, "/2/dm_events", bearer()).status, 200);
  sims->twitter().advance_clock(std::chrono::seconds{61});
  CAF_CHECK_EQUAL(get(x, "/2/users/42/mentions", bearer()).status, 200);
  auto stats = sims->twitter().stats();
  CAF_CHECK_EQUAL(stats.account("42").rate_limited, 1u);
  CAF_CHECK_EQUAL(stats.account("42").requests, 6u);
  CAF_CHECK_EQUAL(stats.account("43").rate_limited, 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()
