#define CAF_SUITE polling.codecs

#include <caf/test/unit_test.hpp>

#include "io/gateways/linkedin_codec.hpp"
#include "io/gateways/poll_gateway.hpp"
#include "io/gateways/twitter_codec.hpp"

using namespace switchboard;
using namespace switchboard::gateways;

namespace {

std::string query_value(const http_request& req, const std::string& name) {
  for (const auto& f : req.query)
    if (f.name == name) return f.value;
  return "<absent>";
}

} // namespace

CAF_TEST(newer ids are longer or larger) {
  CAF_CHECK(newer_id("100", "99"));
  CAF_CHECK(newer_id("101", "100"));
  CAF_CHECK(!newer_id("100", "100"));
  CAF_CHECK(newer_id("1", ""));
  CAF_CHECK(!newer_id("", "1"));
}

CAF_TEST(a twitter request carries since_id and the page token) {
  auto first = twitter_mentions_request("http://h", "42", "tok", "", "");
  CAF_CHECK_EQUAL(first.url, "http://h/2/users/42/mentions");
  CAF_CHECK_EQUAL(query_value(first, "since_id"), "<absent>");
  CAF_CHECK_EQUAL(query_value(first, "max_results"), "100");
  CAF_REQUIRE_EQUAL(first.headers.size(), 1u);
  CAF_CHECK_EQUAL(first.headers[0].value, "Bearer tok");
  auto next = twitter_mentions_request("http://h", "42", "tok", "77", "p2");
  CAF_CHECK_EQUAL(query_value(next, "since_id"), "77");
  CAF_CHECK_EQUAL(query_value(next, "pagination_token"), "p2");
}

CAF_TEST(a twitter page yields messages next token and newest id) {
  auto parsed = parse_twitter_mentions(
      R"({"data":[{"id":"120","text":"hi","author_id":"9",
        "conversation_id":"120","created_at":"2024-01-02T03:04:05.000Z"},
       {"id":"99","text":"yo","author_id":"8"}],
       "meta":{"result_count":2,"next_token":"abc"}})");
  CAF_REQUIRE(parsed.ok);
  CAF_REQUIRE_EQUAL(parsed.page.messages.size(), 2u);
  auto& m = parsed.page.messages[0];
  CAF_CHECK_EQUAL(m.platform_message_id, "120");
  CAF_CHECK_EQUAL(m.body.value, "hi");
  CAF_CHECK_EQUAL(m.sender, "9");
  auto sent = m.sent_at;
  CAF_REQUIRE(sent);
  CAF_CHECK_EQUAL(parsed.page.newest_id, "120");
  CAF_CHECK_EQUAL(parsed.page.next_token, "abc");
  auto sent2 = parsed.page.messages[1].sent_at;
  CAF_CHECK(!sent2);
}

CAF_TEST(an empty twitter page is the last one) {
  auto parsed = parse_twitter_mentions(R"({"meta":{"result_count":0}})");
  CAF_REQUIRE(parsed.ok);
  CAF_CHECK(parsed.page.messages.empty());
  CAF_CHECK(parsed.page.next_token.empty());
}

CAF_TEST(malformed twitter answers are refused without echoing them) {
  auto bad = parse_twitter_mentions("{\"data\":[{\"text\":\"secret\"}]}");
  CAF_CHECK(!bad.ok);
  CAF_CHECK(bad.error.find("secret") == std::string::npos);
  CAF_CHECK(!parse_twitter_mentions("{\"data\":").ok);
  CAF_CHECK(!parse_twitter_mentions("[]").ok);
}

CAF_TEST(
    linkedin walks posts then the comments of each post down to the cursor) {
  auto posts_req = linkedin_request("http://l", "77", "tok", "");
  CAF_CHECK_EQUAL(posts_req.url, "http://l/rest/posts");
  CAF_CHECK_EQUAL(query_value(posts_req, "author"), "urn:li:organization:77");
  auto posts = parse_linkedin(
      R"({"elements":[{"id":"urn:li:share:7702"},{"id":"urn:li:share:7701"}],
        "paging":{"start":0,"count":10,"total":2}})",
      "", "");
  CAF_REQUIRE(posts.ok);
  CAF_CHECK(posts.page.messages.empty());
  auto token = posts.page.next_token;
  CAF_REQUIRE(!token.empty());
  auto comments_req = linkedin_request("http://l", "77", "tok", token);
  CAF_CHECK_EQUAL(comments_req.url,
                  "http://l/rest/socialActions/urn%3Ali%3Ashare%3A7702/"
                  "comments");
  CAF_CHECK_EQUAL(query_value(comments_req, "start"), "0");
  auto page = parse_linkedin(
      R"({"elements":[
        {"id":"30","actor":"urn:li:person:a","message":{"text":"new"},
         "created":{"time":1700000000000},"object":"urn:li:share:7702"},
        {"id":"20","actor":"urn:li:person:b","message":{"text":"old"}}],
        "paging":{"start":0,"count":100,"total":2}})",
      token, "20");
  CAF_REQUIRE(page.ok);
  CAF_REQUIRE_EQUAL(page.page.messages.size(), 1u);
  CAF_CHECK_EQUAL(page.page.messages[0].body.value, "new");
  CAF_CHECK_EQUAL(page.page.cursor, "30");
  CAF_MESSAGE("the cursor was reached: on to the second post");
  auto second = linkedin_request("http://l", "77", "tok", page.page.next_token);
  CAF_CHECK_EQUAL(second.url,
                  "http://l/rest/socialActions/urn%3Ali%3Ashare%3A7701/"
                  "comments");
  auto last = parse_linkedin(R"({"elements":[],"paging":{"total":0}})",
                             page.page.next_token, "20");
  CAF_REQUIRE(last.ok);
  CAF_CHECK(last.page.next_token.empty());
}

CAF_TEST(linkedin pages on when a full page is newer than the cursor) {
  auto token = std::string{"0|0|urn:li:share:101"};
  auto page = parse_linkedin(
      R"({"elements":[{"id":"50"},{"id":"40"}],
        "paging":{"start":0,"count":2,"total":5}})",
      token, "");
  CAF_REQUIRE(page.ok);
  auto next = linkedin_request("http://l", "1", "t", page.page.next_token);
  CAF_CHECK_EQUAL(query_value(next, "start"), "2");
}

CAF_TEST(the gateway dispatches by platform) {
  CAF_CHECK(has_gateway("twitter"));
  CAF_CHECK(has_gateway("linkedin"));
  CAF_CHECK(!has_gateway("telegram"));
  polling_account acc;
  acc.account.platform = "linkedin";
  acc.account.user_id = "5";
  gateway_endpoints ends{"http://t", "http://l"};
  CAF_CHECK_EQUAL(poll_request(ends, acc, "").url, "http://l/rest/posts");
  acc.account.platform = "twitter";
  CAF_CHECK_EQUAL(poll_request(ends, acc, "").url,
                  "http://t/2/users/5/mentions");
}
