#define CAF_SUITE io.twitter_cursor
#include "io/gateways/twitter_cursor.hpp"

#include "caf/test/unit_test.hpp"

#include "io/gateways/gateway_page.hpp"
#include "io/gateways/twitter_walk.hpp"

using namespace switchboard::gateways;

CAF_TEST(a composite cursor round trips) {
  twitter_cursor c{"1346889436626259968", "1146654567674912769"};
  auto text = to_string(c);
  CAF_CHECK_EQUAL(text, "tw2:1346889436626259968:1146654567674912769");
  auto back = parse_twitter_cursor(text);
  CAF_REQUIRE(back);
  CAF_CHECK_EQUAL(back->mentions, c.mentions);
  CAF_CHECK_EQUAL(back->dms, c.dms);
  auto empty = parse_twitter_cursor(to_string(twitter_cursor{}));
  CAF_REQUIRE(empty);
  CAF_CHECK(empty->mentions.empty() && empty->dms.empty());
  auto dms_only = parse_twitter_cursor("tw2::77");
  CAF_REQUIRE(dms_only);
  CAF_CHECK_EQUAL(dms_only->mentions, "");
  CAF_CHECK_EQUAL(dms_only->dms, "77");
}

CAF_TEST(an old plain cursor is the mentions since_id and no DM yet) {
  auto old = parse_twitter_cursor("1346889436626259968");
  CAF_REQUIRE(old);
  CAF_CHECK_EQUAL(old->mentions, "1346889436626259968");
  CAF_CHECK_EQUAL(old->dms, "");
  auto none = parse_twitter_cursor("");
  CAF_REQUIRE(none);
  CAF_CHECK(none->mentions.empty() && none->dms.empty());
}

CAF_TEST(anything else is not a cursor) {
  for (auto bad : {"tw2:", "tw2:12", "tw2:1a:2", "tw2:1:2:3", "tw3:1:2",
                   "urn:li:comment:1", "12345678901234567890", "-1"}) {
    CAF_MESSAGE("refused: " << bad);
    CAF_CHECK(!parse_twitter_cursor(bad));
  }
}

CAF_TEST(a raised cursor is never older than the one it replaces) {
  // The poller and persistence keep the newest cursor by newer_id(), so an
  // upgrade and every raise must compare as newer.
  auto old_plain = std::string{"999"};
  auto upgraded = to_string(twitter_cursor{"999", ""});
  CAF_CHECK(newer_id(upgraded, old_plain));
  twitter_cursor base{"999", "500"};
  for (auto raised :
       {twitter_cursor{"1000", "500"}, twitter_cursor{"999", "501"},
        twitter_cursor{"999", "5000"}, twitter_cursor{"1000", "5000"}})
    CAF_CHECK(newer_id(to_string(raised), to_string(base)));
  CAF_CHECK(!newer_id(to_string(base), to_string(base)));
  CAF_CHECK(newer_id(to_string(twitter_cursor{"", "1"}),
                     to_string(twitter_cursor{})));
}

CAF_TEST(newest_of raises each component on its own) {
  auto n = newest_of({"10", "7"}, {"9", "80"});
  CAF_CHECK_EQUAL(n.mentions, "10");
  CAF_CHECK_EQUAL(n.dms, "80");
  auto kept = newest_of({"10", "7"}, {});
  CAF_CHECK_EQUAL(kept.mentions, "10");
  CAF_CHECK_EQUAL(kept.dms, "7");
}

CAF_TEST(a walk token round trips and keeps any platform token) {
  twitter_walk w{twitter_stream::dms, {"5", "6"}, "18LAA581J5II7LA0|x"};
  auto text = to_string(w);
  CAF_CHECK_EQUAL(text, "d|tw2:5:6|18LAA581J5II7LA0|x");
  auto back = parse_twitter_walk(text, {});
  CAF_REQUIRE(back);
  CAF_CHECK(back->stream == twitter_stream::dms);
  CAF_CHECK_EQUAL(back->seen.mentions, "5");
  CAF_CHECK_EQUAL(back->seen.dms, "6");
  CAF_CHECK_EQUAL(back->platform_token, "18LAA581J5II7LA0|x");
  auto first = parse_twitter_walk("", {"3", "4"});
  CAF_REQUIRE(first);
  CAF_CHECK(first->stream == twitter_stream::mentions);
  CAF_CHECK_EQUAL(first->seen.dms, "4");
  CAF_CHECK(first->platform_token.empty());
  for (auto bad : {"x|tw2::|t", "m|tw2::", "mm|tw2::|t", "m|bad|t", "abc"}) {
    CAF_MESSAGE("refused: " << bad);
    CAF_CHECK(!parse_twitter_walk(bad, {}));
  }
}
