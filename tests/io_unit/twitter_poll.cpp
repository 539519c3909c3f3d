#define CAF_SUITE io.twitter_poll
#include "io/gateways/twitter_poll.hpp"

#include "caf/test/unit_test.hpp"

#include "io/gateways/poll_gateway.hpp"

using namespace switchboard;
using namespace switchboard::gateways;

namespace {

std::string query_value(const http_request& req, const std::string& name) {
  for (const auto& f : req.query)
    if (f.name == name) return f.value;
  return "<absent>";
}

polling_account account_with(std::string cursor) {
  polling_account acc;
  acc.account.platform = "twitter";
  acc.account.user_id = "42";
  acc.account.cursor = std::move(cursor);
  acc.access_token.value = "user-42";
  return acc;
}

/// One step of a walk: the request made for `token` and the parse of
/// `body` as its answer.
struct step {
  http_request request;
  gateway_parse_result parsed;
};

step walk(const polling_account& acc, const std::string& token,
          const std::string& body) {
  return {twitter_poll_request("http://x", acc, token),
          parse_twitter_poll(body, token, acc.account.cursor)};
}

} // namespace

CAF_TEST(one poll reads every mentions page then every DM page) {
  // An account stored before DMs were polled: a plain since_id.
  auto acc = account_with("100");
  auto m1 = walk(acc, "",
                 R"({"data":[{"id":"130","text":"c"},{"id":"120","text":"b"}],
                     "meta":{"next_token":"mt2"}})");
  CAF_CHECK_EQUAL(m1.request.url, "http://x/2/users/42/mentions");
  CAF_CHECK_EQUAL(query_value(m1.request, "since_id"), "100");
  CAF_REQUIRE(m1.parsed.ok);
  CAF_CHECK_EQUAL(m1.parsed.page.messages.size(), 2u);
  CAF_CHECK_EQUAL(m1.parsed.page.cursor, "tw2:130:");
  auto m2 = walk(acc, m1.parsed.page.next_token,
                 R"({"data":[{"id":"110","text":"a"}],"meta":{}})");
  CAF_CHECK_EQUAL(m2.request.url, "http://x/2/users/42/mentions");
  CAF_CHECK_EQUAL(query_value(m2.request, "since_id"), "100");
  CAF_CHECK_EQUAL(query_value(m2.request, "pagination_token"), "mt2");
  CAF_REQUIRE(m2.parsed.ok);
  CAF_CHECK_EQUAL(m2.parsed.page.cursor, "tw2:130:");
  CAF_REQUIRE(!m2.parsed.page.next_token.empty());
  CAF_MESSAGE("the mentions are done: the DM events follow");
  auto d1 = walk(acc, m2.parsed.page.next_token,
                 R"({"data":[{"id":"90","event_type":"MessageCreate",
                              "text":"dm b","sender_id":"7",
                              "dm_conversation_id":"7-42"}],
                     "meta":{"next_token":"DT00000000000002"}})");
  CAF_CHECK_EQUAL(d1.request.url, "http://x/2/dm_events");
  CAF_CHECK_EQUAL(query_value(d1.request, "pagination_token"), "<absent>");
  CAF_CHECK_EQUAL(query_value(d1.request, "since_id"), "<absent>");
  CAF_CHECK_EQUAL(d1.request.headers[0].value, "Bearer user-42");
  CAF_REQUIRE(d1.parsed.ok);
  CAF_REQUIRE_EQUAL(d1.parsed.page.messages.size(), 1u);
  CAF_CHECK_EQUAL(d1.parsed.page.messages[0].platform_message_id, "dm:90");
  CAF_CHECK_EQUAL(d1.parsed.page.cursor, "tw2:130:90");
  auto d2 = walk(acc, d1.parsed.page.next_token,
                 R"({"data":[{"id":"80","event_type":"MessageCreate",
                              "text":"dm a"}],"meta":{}})");
  CAF_CHECK_EQUAL(query_value(d2.request, "pagination_token"),
                  "DT00000000000002");
  CAF_REQUIRE(d2.parsed.ok);
  CAF_CHECK_EQUAL(d2.parsed.page.messages.size(), 1u);
  CAF_CHECK(d2.parsed.page.next_token.empty());
  CAF_CHECK_EQUAL(d2.parsed.page.cursor, "tw2:130:90");
  CAF_MESSAGE("every page's cursor is at least as new as the one before");
  CAF_CHECK(newer_id(m1.parsed.page.cursor, acc.account.cursor));
  CAF_CHECK(!newer_id(m1.parsed.page.cursor, m2.parsed.page.cursor));
  CAF_CHECK(newer_id(d1.parsed.page.cursor, m2.parsed.page.cursor));
  CAF_CHECK(!newer_id(d1.parsed.page.cursor, d2.parsed.page.cursor));
}

CAF_TEST(the next poll starts from the composite cursor) {
  auto acc = account_with("tw2:130:90");
  auto m = walk(acc, "", R"({"meta":{"result_count":0}})");
  CAF_CHECK_EQUAL(query_value(m.request, "since_id"), "130");
  CAF_REQUIRE(m.parsed.ok);
  CAF_CHECK_EQUAL(m.parsed.page.cursor, "tw2:130:90");
  CAF_MESSAGE("DM paging ends at the stored DM event, which is not kept");
  auto d = walk(acc, m.parsed.page.next_token,
                R"({"data":[{"id":"95","event_type":"MessageCreate","text":"n"},
                            {"id":"90","event_type":"MessageCreate","text":"o"},
                            {"id":"80","event_type":"MessageCreate","text":"p"}],
                    "meta":{"next_token":"DT00000000000009"}})");
  CAF_CHECK_EQUAL(d.request.url, "http://x/2/dm_events");
  CAF_REQUIRE(d.parsed.ok);
  CAF_REQUIRE_EQUAL(d.parsed.page.messages.size(), 1u);
  CAF_CHECK_EQUAL(d.parsed.page.messages[0].platform_message_id, "dm:95");
  CAF_CHECK(d.parsed.page.next_token.empty());
  CAF_CHECK_EQUAL(d.parsed.page.cursor, "tw2:130:95");
}

CAF_TEST(a first poll without any cursor has no since_id) {
  auto acc = account_with("");
  auto m = walk(acc, "", R"({"data":[{"id":"5","text":"x"}],"meta":{}})");
  CAF_CHECK_EQUAL(query_value(m.request, "since_id"), "<absent>");
  CAF_REQUIRE(m.parsed.ok);
  CAF_CHECK_EQUAL(m.parsed.page.cursor, "tw2:5:");
  CAF_CHECK(newer_id(m.parsed.page.cursor, ""));
}

CAF_TEST(an unreadable cursor or token is a clear error) {
  auto acc = account_with("garbage:cursor");
  auto m = walk(acc, "", R"({"meta":{}})");
  CAF_CHECK_EQUAL(query_value(m.request, "since_id"), "<absent>");
  CAF_CHECK(!m.parsed.ok);
  CAF_CHECK_EQUAL(m.parsed.error,
                  "twitter: the stored cursor is not understood");
  auto t = parse_twitter_poll(R"({"meta":{}})", "q|x|y", "");
  CAF_CHECK(!t.ok);
  CAF_CHECK_EQUAL(t.error, "twitter: the page token is not understood");
}

CAF_TEST(a malformed DM answer fails the page without its body) {
  auto bad = parse_twitter_poll(R"({"data":[{"text":"secret words"}]})",
                                "d|tw2::|", "");
  CAF_CHECK(!bad.ok);
  CAF_CHECK(bad.error.find("DM") != std::string::npos);
  CAF_CHECK(bad.error.find("secret") == std::string::npos);
}

CAF_TEST(the gateway dispatches twitter pages to the walk) {
  gateway_endpoints ends{"http://t", "http://l"};
  auto acc = account_with("tw2:1:2");
  CAF_CHECK_EQUAL(poll_request(ends, acc, "").url,
                  "http://t/2/users/42/mentions");
  CAF_CHECK_EQUAL(poll_request(ends, acc, "d|tw2:1:2|").url,
                  "http://t/2/dm_events");
  auto page
      = parse_poll_page("twitter", R"({"meta":{}})", "d|tw2:1:2|", "tw2:1:2");
  CAF_REQUIRE(page.ok);
  CAF_CHECK(page.page.next_token.empty());
}
