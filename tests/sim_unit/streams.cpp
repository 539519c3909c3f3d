#define CAF_SUITE sim.streams
#include "caf/test/unit_test.hpp"

#include "io/sim/account_stream.hpp"
#include "io/sim/rate_window.hpp"
#include "io/sim/stream_ids.hpp"

using namespace switchboard::sim;

CAF_TEST(a stream is the same for the same seed and differs by account) {
  account_stream a{1, "mentions", "42", 6.0, 0};
  account_stream b{1, "mentions", "42", 6.0, 0};
  account_stream c{2, "mentions", "42", 6.0, 0};
  account_stream d{1, "mentions", "43", 6.0, 0};
  CAF_CHECK_EQUAL(a.interval_ms(), b.interval_ms());
  CAF_CHECK_EQUAL(a.account_hash(), b.account_hash());
  CAF_CHECK_EQUAL(a.available(3'600'000), b.available(3'600'000));
  CAF_CHECK_NOT_EQUAL(a.account_hash(), c.account_hash());
  CAF_CHECK_NOT_EQUAL(a.account_hash(), d.account_hash());
}

CAF_TEST(the rate of an account is within half and one and a half of the mean) {
  for (int i = 0; i < 200; ++i) {
    account_stream s{1, "mentions", std::to_string(i), 6.0, 0};
    // 6 per minute: 10 s mean interval.
    CAF_CHECK_GREATER_OR_EQUAL(s.interval_ms(), 6'666);
    CAF_CHECK_LESS_OR_EQUAL(s.interval_ms(), 20'000);
  }
}

CAF_TEST(messages arrive one interval apart after the phase) {
  account_stream s{1, "mentions", "42", 6.0, 2};
  auto first = s.arrival_ms(2);
  CAF_CHECK_GREATER_OR_EQUAL(first, 0);
  CAF_CHECK_LESS(first, s.interval_ms());
  CAF_CHECK_EQUAL(s.available(0), first == 0 ? 3u : 2u);
  CAF_CHECK_EQUAL(s.available(first), 3u);
  CAF_CHECK_EQUAL(s.available(first + s.interval_ms() - 1), 3u);
  CAF_CHECK_EQUAL(s.available(first + s.interval_ms()), 4u);
  CAF_CHECK_LESS(s.arrival_ms(0), 0);
}

CAF_TEST(a mean of zero gives only the backlog) {
  account_stream s{1, "dm", "42", 0.0, 3};
  CAF_CHECK_EQUAL(s.available(0), 3u);
  CAF_CHECK_EQUAL(s.available(86'400'000), 3u);
}

CAF_TEST(ids map back to positions for since_id and until_id) {
  uint64_t h = 123'456'789'012ULL;
  auto id5 = stream_id(mention_id_base, h, 5);
  CAF_CHECK_EQUAL(first_k_after(mention_id_base, h, id5), 6u);
  CAF_CHECK_EQUAL(first_k_after(mention_id_base, h, id5 - 1), 5u);
  CAF_CHECK_EQUAL(first_k_after(mention_id_base, h, id5 + 1), 6u);
  CAF_CHECK_EQUAL(first_k_after(mention_id_base, h, 1), 0u);
  CAF_CHECK_EQUAL(first_k_from(mention_id_base, h, id5), 5u);
  CAF_CHECK_EQUAL(first_k_from(mention_id_base, h, id5 + 1), 6u);
  CAF_CHECK_EQUAL(first_k_from(mention_id_base, h, 1), 0u);
  CAF_CHECK_LESS(stream_id(mention_id_base, h, 5),
                 stream_id(mention_id_base, h, 6));
  CAF_CHECK_EQUAL(std::to_string(id5).size(), 19u);
}

CAF_TEST(tokens round trip and reject garbage) {
  for (uint64_t v : {0ULL, 1ULL, 35ULL, 36ULL, 123'456'789ULL}) {
    auto t36 = to_base36(v);
    auto back36 = from_base36(t36);
    CAF_REQUIRE(back36.has_value());
    CAF_CHECK_EQUAL(*back36, v);
    auto t32 = to_base32_token(v);
    CAF_CHECK_GREATER_OR_EQUAL(t32.size(), 16u);
    auto back32 = from_base32_token(t32);
    CAF_REQUIRE(back32.has_value());
    CAF_CHECK_EQUAL(*back32, v);
  }
  CAF_CHECK(!from_base36("").has_value());
  CAF_CHECK(!from_base36("AB!").has_value());
  CAF_CHECK(!from_base32_token("SHORT").has_value());
  CAF_CHECK(!parse_id("12a").has_value());
  CAF_CHECK(!parse_id("12345678901234567890").has_value());
}

CAF_TEST(pages run newest first and say where the next one ends) {
  auto p = newest_first_page(0, 25, 10);
  CAF_CHECK_EQUAL(p.begin, 15u);
  CAF_CHECK_EQUAL(p.end, 25u);
  CAF_REQUIRE(p.next_end.has_value());
  CAF_CHECK_EQUAL(*p.next_end, 15u);
  auto last = newest_first_page(10, 15, 10);
  CAF_CHECK_EQUAL(last.begin, 10u);
  CAF_CHECK(!last.next_end.has_value());
  auto empty = newest_first_page(7, 7, 10);
  CAF_CHECK_EQUAL(empty.begin, empty.end);
  CAF_CHECK(!empty.next_end.has_value());
}

CAF_TEST(a window counts requests until it resets) {
  rate_window w;
  auto d1 = take_request(w, 1000, 2, 1000 + 900);
  CAF_CHECK(d1.allowed);
  CAF_CHECK_EQUAL(d1.remaining, 1u);
  CAF_CHECK_EQUAL(d1.reset_at_ms, 1900);
  auto d2 = take_request(w, 1100, 2, 1100 + 900);
  CAF_CHECK(d2.allowed);
  CAF_CHECK_EQUAL(d2.remaining, 0u);
  CAF_CHECK_EQUAL(d2.reset_at_ms, 1900);
  auto d3 = take_request(w, 1899, 2, 1899 + 900);
  CAF_CHECK(!d3.allowed);
  CAF_CHECK_EQUAL(d3.reset_at_ms, 1900);
  auto d4 = take_request(w, 1900, 2, 1900 + 900);
  CAF_CHECK(d4.allowed);
  CAF_CHECK_EQUAL(d4.remaining, 1u);
  CAF_CHECK_EQUAL(d4.reset_at_ms, 2800);
}

CAF_TEST(an exhausted window refuses until its end) {
  rate_window w;
  exhaust(w, 5, 5000);
  CAF_CHECK(!take_request(w, 4999, 5, 9999).allowed);
  CAF_CHECK(take_request(w, 5000, 5, 9999).allowed);
}

CAF_TEST(daily windows end at midnight UTC) {
  // 2026-01-02T10:00:00Z
  int64_t t = 1767348000000;
  CAF_CHECK_EQUAL(next_utc_midnight_ms(t), 1767398400000);
  CAF_CHECK_EQUAL(next_utc_midnight_ms(1767398400000), 1767484800000);
}
