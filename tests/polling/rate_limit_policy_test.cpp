#define CAF_SUITE polling.rate_limit
#include <chrono>

#include "caf/test/unit_test.hpp"

#include "actors/polling/rate_limit_policy.hpp"
#include "messages/http_client.hpp"

using namespace switchboard;
using namespace switchboard::polling;
using namespace std::chrono_literals;

namespace {

caf::timestamp at_seconds(int64_t s) {
  return caf::timestamp{std::chrono::seconds{s}};
}

// 2026-03-01T12:34:56Z
const caf::timestamp noon = at_seconds(1772368496);

} // namespace

CAF_TEST(the three headers are read) {
  auto info = parse_rate_limit("450", "12", "1772369400");
  auto limit = info.limit;
  auto remaining = info.remaining;
  auto reset = info.reset;
  CAF_REQUIRE(limit);
  CAF_REQUIRE(remaining);
  CAF_REQUIRE(reset);
  CAF_CHECK_EQUAL(*limit, 450);
  CAF_CHECK_EQUAL(*remaining, 12);
  CAF_CHECK_EQUAL(*reset, at_seconds(1772369400));
  CAF_CHECK(!exhausted(info));
}

CAF_TEST(missing or garbled values are absent) {
  for (auto bad : {"", "-1", "1.5", "abc", "12 ", " 12", "0x10",
                   "99999999999999999999999"}) {
    auto info = parse_rate_limit(bad, bad, bad);
    CAF_CHECK(!info.limit);
    CAF_CHECK(!info.remaining);
    CAF_CHECK(!info.reset);
    CAF_CHECK(!exhausted(info));
  }
  // A reset beyond year 9999 would overflow the clock.
  CAF_CHECK(!parse_rate_limit("", "", "9999999999999").reset);
}

CAF_TEST(remaining zero is exhausted) {
  CAF_CHECK(exhausted(parse_rate_limit("", "0", "")));
  CAF_CHECK(!exhausted(parse_rate_limit("0", "1", "")));
}

CAF_TEST(headers are read from a response) {
  http_response res;
  res.status = 200;
  res.headers = {{"content-type", "application/json"},
                 {"x-rate-limit-limit", "180"},
                 {"x-rate-limit-remaining", "0"},
                 {"x-rate-limit-reset", "1772369400"}};
  auto info = parse_rate_limit(res);
  auto limit = info.limit;
  CAF_REQUIRE(limit);
  CAF_CHECK_EQUAL(*limit, 180);
  CAF_CHECK(exhausted(info));
  auto reset = info.reset;
  CAF_REQUIRE(reset);
  CAF_CHECK_EQUAL(*reset, at_seconds(1772369400));
}

CAF_TEST(the reset of the headers decides when to resume) {
  auto info = parse_rate_limit("", "0", "1772369400");
  CAF_CHECK_EQUAL(resume_at("twitter", info, noon), at_seconds(1772369400));
  CAF_CHECK_EQUAL(resume_at("linkedin", info, noon), at_seconds(1772369400));
}

CAF_TEST(without a reset twitter waits one window and linkedin until midnight) {
  rate_limit_info none;
  CAF_CHECK_EQUAL(resume_at("twitter", none, noon), noon + 15min);
  // 2026-03-02T00:00:00Z
  CAF_CHECK_EQUAL(resume_at("linkedin", none, noon), at_seconds(1772409600));
  // Exactly at midnight: the next one.
  CAF_CHECK_EQUAL(resume_at("linkedin", none, at_seconds(1772409600)),
                  at_seconds(1772409600 + 86400));
}

CAF_TEST(a reset in the past still waits the minimum) {
  auto info = parse_rate_limit("", "0", "1772368000");
  CAF_CHECK_EQUAL(resume_at("twitter", info, noon), noon + min_rate_limit_wait);
  auto now_reset = parse_rate_limit("", "0", "1772368496");
  CAF_CHECK_EQUAL(resume_at("twitter", now_reset, noon), noon + 1s);
}
