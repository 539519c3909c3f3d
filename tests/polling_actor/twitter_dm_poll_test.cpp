#define CAF_SUITE polling.twitter_dm_poll

// The poller stays platform-agnostic while one Twitter/X poll walks two
// endpoints: mentions pages, then DM event pages, into one stored result
// whose cursor is the gateway's composite (io/gateways/twitter_cursor.hpp).

#include "tests/polling_actor/poller_fixture.hpp"

using namespace std::chrono;
using namespace switchboard;
using switchboard::test::poller_fixture;

namespace {

const char* dm_page_json = R"({"data":[
  {"id":"91","event_type":"MessageCreate","text":"dm two","sender_id":"7",
   "dm_conversation_id":"7-42","created_at":"2024-01-02T03:04:05.000Z"},
  {"id":"90","event_type":"MessageCreate","text":"dm one","sender_id":"8",
   "dm_conversation_id":"8-42"}],"meta":{"next_token":"DT00000000000001"}})";

} // namespace

CAF_TEST_FIXTURE_SCOPE(twitter_dm_poll_tests, poller_fixture)

CAF_TEST(one poll stores new mentions and DM events with one cursor) {
  start();
  http->answers.push_back(page(
      200, R"({"data":[{"id":"20","text":"b"}],"meta":{"next_token":"t2"}})"));
  http->answers.push_back(
      page(200, R"({"data":[{"id":"10","text":"a"}],"meta":{}})"));
  http->answers.push_back(page(200, dm_page_json));
  http->answers.push_back(page(
      200,
      R"({"data":[{"id":"80","event_type":"MessageCreate","text":"dm zero"}],
          "meta":{}})"));
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(http->seen.size(), 4u);
  CAF_CHECK_EQUAL(http->seen[2].url, "http://127.0.0.1:9/2/dm_events");
  CAF_CHECK_EQUAL(http->seen[3].url, "http://127.0.0.1:9/2/dm_events");
  CAF_REQUIRE_EQUAL(results.size(), 1u);
  auto& r = results[0];
  std::vector<std::string> ids;
  for (auto& m : r.messages)
    ids.push_back(m.platform_message_id);
  CAF_CHECK_EQUAL(
      ids, (std::vector<std::string>{"20", "10", "dm:91", "dm:90", "dm:80"}));
  CAF_CHECK_EQUAL(r.messages[2].conversation_id, "7-42");
  CAF_CHECK_EQUAL(r.messages[2].sender, "7");
  CAF_CHECK_EQUAL(r.cursor, "tw2:20:91");
}

CAF_TEST(a failed DM request fails the whole poll and stores nothing) {
  start();
  http->answers.push_back(
      page(200, R"({"data":[{"id":"20","text":"b"}],"meta":{}})"));
  http->answers.push_back(page(503));
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(http->seen.size(), 2u);
  CAF_CHECK(results.empty());
  CAF_REQUIRE_EQUAL(notes.size(), 1u);
  CAF_CHECK_EQUAL(notes[0].error_kind, "server_error");
  CAF_MESSAGE("the next poll starts again from the mentions");
  advance(minutes{2});
  CAF_REQUIRE_EQUAL(http->seen.size(), 4u);
  CAF_CHECK_EQUAL(http->seen[2].url, "http://127.0.0.1:9/2/users/42/mentions");
  CAF_REQUIRE_EQUAL(results.size(), 1u);
}

CAF_TEST(a malformed DM page fails the poll and it is retried) {
  start();
  http->answers.push_back(page(200, R"({"meta":{}})"));
  http->answers.push_back(page(200, R"({"data":[{"text":"secret dm"}]})"));
  advance(seconds{1});
  CAF_CHECK(results.empty());
  CAF_MESSAGE("retried as a transient failure");
  advance(seconds{2});
  CAF_REQUIRE_EQUAL(results.size(), 1u);
}

CAF_TEST_FIXTURE_SCOPE_END()
