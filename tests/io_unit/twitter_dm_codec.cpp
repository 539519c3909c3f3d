#define CAF_SUITE io.twitter_dm_codec
#include "io/gateways/twitter_dm_codec.hpp"

#include "caf/test/unit_test.hpp"

using namespace switchboard;
using namespace switchboard::gateways;

namespace {

std::string query_value(const http_request& req, const std::string& name) {
  for (const auto& f : req.query)
    if (f.name == name) return f.value;
  return "<absent>";
}

// Newest first, as X answers; ids of the spec's example shape.
constexpr const char* three_events = R"({"data":[
  {"id":"1146654567674912771","event_type":"MessageCreate","text":"third",
   "sender_id":"906948460078698496",
   "dm_conversation_id":"906948460078698496-2244994945",
   "created_at":"2019-06-04T23:12:08.000Z"},
  {"id":"1146654567674912770","event_type":"ParticipantsJoin",
   "dm_conversation_id":"1578900353814519810",
   "participant_ids":["906948460078698496"]},
  {"id":"1146654567674912769","event_type":"MessageCreate","text":"first",
   "sender_id":"2244994945",
   "dm_conversation_id":"906948460078698496-2244994945"}],
 "meta":{"result_count":3,"next_token":"18LAA581J5II7LA00C00ZZZZ"}})";

} // namespace

CAF_TEST(the request asks for message events with the fields we store) {
  auto first = twitter_dm_request("http://h", "tok", "");
  CAF_CHECK_EQUAL(first.url, "http://h/2/dm_events");
  CAF_CHECK_EQUAL(query_value(first, "max_results"), "100");
  CAF_CHECK_EQUAL(query_value(first, "event_types"), "MessageCreate");
  CAF_CHECK_EQUAL(query_value(first, "dm_event.fields"),
                  "id,text,event_type,created_at,dm_conversation_id,"
                  "sender_id");
  CAF_CHECK_EQUAL(query_value(first, "pagination_token"), "<absent>");
  CAF_REQUIRE_EQUAL(first.headers.size(), 1u);
  CAF_CHECK_EQUAL(first.headers[0].value, "Bearer tok");
  auto next = twitter_dm_request("http://h", "tok", "18LAA581J5II7LA0");
  CAF_CHECK_EQUAL(query_value(next, "pagination_token"), "18LAA581J5II7LA0");
}

CAF_TEST(a DM page yields its message events as polled messages) {
  auto parsed = parse_twitter_dm_events(three_events, "");
  CAF_REQUIRE(parsed.ok);
  CAF_REQUIRE_EQUAL(parsed.page.messages.size(), 2u);
  auto& m = parsed.page.messages[0];
  CAF_CHECK_EQUAL(m.platform_message_id, "dm:1146654567674912771");
  CAF_CHECK_EQUAL(m.conversation_id, "906948460078698496-2244994945");
  CAF_CHECK_EQUAL(m.sender, "906948460078698496");
  CAF_CHECK_EQUAL(m.body.value, "third");
  CAF_REQUIRE(m.sent_at);
  CAF_CHECK_EQUAL(m.sent_at->time_since_epoch(),
                  caf::timespan{std::chrono::seconds{1559689928}});
  CAF_CHECK_EQUAL(parsed.page.messages[1].platform_message_id,
                  "dm:1146654567674912769");
  CAF_CHECK(!parsed.page.messages[1].sent_at);
  CAF_CHECK_EQUAL(parsed.page.newest_id, "1146654567674912771");
  CAF_CHECK_EQUAL(parsed.page.next_token, "18LAA581J5II7LA00C00ZZZZ");
}

CAF_TEST(paging stops at the first event at or below the stored DM id) {
  CAF_MESSAGE("the stored id is on the page: older ones are dropped, done");
  auto at = parse_twitter_dm_events(three_events, "1146654567674912770");
  CAF_REQUIRE(at.ok);
  CAF_REQUIRE_EQUAL(at.page.messages.size(), 1u);
  CAF_CHECK_EQUAL(at.page.messages[0].body.value, "third");
  CAF_CHECK(at.page.next_token.empty());
  CAF_CHECK_EQUAL(at.page.newest_id, "1146654567674912771");
  CAF_MESSAGE("everything is old: nothing kept");
  auto old = parse_twitter_dm_events(three_events, "1146654567674912771");
  CAF_REQUIRE(old.ok);
  CAF_CHECK(old.page.messages.empty());
  CAF_CHECK(old.page.next_token.empty());
  CAF_MESSAGE("everything is newer: on to the next page");
  auto newer = parse_twitter_dm_events(three_events, "999");
  CAF_REQUIRE(newer.ok);
  CAF_CHECK_EQUAL(newer.page.messages.size(), 2u);
  CAF_CHECK_EQUAL(newer.page.next_token, "18LAA581J5II7LA00C00ZZZZ");
  CAF_MESSAGE("an old event out of order still ends the walk, newer kept");
  auto mixed = parse_twitter_dm_events(
      R"({"data":[{"id":"50","event_type":"MessageCreate","text":"a"},
                  {"id":"10","event_type":"MessageCreate","text":"old"},
                  {"id":"40","event_type":"MessageCreate","text":"b"}],
          "meta":{"next_token":"T000000000000000"}})",
      "20");
  CAF_REQUIRE(mixed.ok);
  CAF_CHECK_EQUAL(mixed.page.messages.size(), 2u);
  CAF_CHECK(mixed.page.next_token.empty());
}

CAF_TEST(an empty DM page is the last one) {
  auto parsed = parse_twitter_dm_events(R"({"meta":{"result_count":0}})", "");
  CAF_REQUIRE(parsed.ok);
  CAF_CHECK(parsed.page.messages.empty());
  CAF_CHECK(parsed.page.next_token.empty());
  CAF_CHECK(parsed.page.newest_id.empty());
}

CAF_TEST(malformed DM answers are refused without echoing them) {
  for (
      auto bad : {
          R"({"data":[{"event_type":"MessageCreate","text":"secret"}]})",
          R"({"data":[{"id":"x1","event_type":"MessageCreate","text":"secret"}]})",
          R"({"data":[{"id":"12","text":"secret"}]})",
          R"({"data":{"id":"12","text":"secret"}})",
          R"({"data":["secret"]})",
          R"({"data":[{"id":"12","text":"secret)",
          R"(["secret"])",
      }) {
    auto parsed = parse_twitter_dm_events(bad, "");
    CAF_CHECK(!parsed.ok);
    CAF_CHECK(!parsed.error.empty());
    CAF_CHECK(parsed.error.find("secret") == std::string::npos);
    CAF_CHECK(parsed.error.find("DM") != std::string::npos);
  }
}
