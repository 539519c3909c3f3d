#define CAF_SUITE polling.first_poll
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/polling/first_poll_policy.hpp"

using namespace switchboard::polling;
using namespace std::chrono_literals;

namespace {

const caf::timestamp now = caf::timestamp{std::chrono::seconds{1772368496}};

} // namespace

CAF_TEST(an account gets the same offset every time) {
  auto a = spread_offset("acc-1", 60s);
  CAF_CHECK_EQUAL(spread_offset("acc-1", 60s), a);
  CAF_CHECK_EQUAL(first_poll_at("acc-1", 60s, caf::none, now), now + a);
}

CAF_TEST(offsets stay within the interval) {
  for (int i = 0; i < 1000; ++i) {
    auto id = "account-" + std::to_string(i);
    auto off = spread_offset(id, 60s);
    CAF_CHECK_GREATER_OR_EQUAL(off, 0ms);
    CAF_CHECK_LESS(off, 60s);
    CAF_CHECK_LESS(spread_offset(id, 7ms), 7ms);
  }
  CAF_CHECK_EQUAL(spread_offset("x", 0ms), 0ms);
  CAF_CHECK_EQUAL(spread_offset("x", -5ms), 0ms);
  CAF_CHECK_EQUAL(spread_offset("x", 1ms), 0ms);
}

CAF_TEST(ten thousand accounts spread evenly over the interval) {
  // 60 one-second buckets, 10000 accounts: about 167 each. A stampede (or a
  // poor hash) would pile them up; allow +-40 % for chance.
  std::vector<int> buckets(60, 0);
  for (int i = 0; i < 10000; ++i) {
    auto off = spread_offset("acc-" + std::to_string(i), 60s);
    ++buckets[static_cast<size_t>(off / 1s)];
  }
  auto [lo, hi] = std::minmax_element(buckets.begin(), buckets.end());
  CAF_CHECK_GREATER(*lo, 100);
  CAF_CHECK_LESS(*hi, 234);
}

CAF_TEST(a stored next poll still ahead is kept) {
  // After a restart during a rate limit: no request before the reset.
  auto reset = now + 10min;
  CAF_CHECK_EQUAL(first_poll_at("acc-1", 60s, reset, now), reset);
  CAF_CHECK_EQUAL(first_poll_at("acc-1", 60s, now + 1s, now), now + 1s);
}

CAF_TEST(an overdue stored next poll is spread) {
  auto off = spread_offset("acc-1", 60s);
  CAF_CHECK_EQUAL(first_poll_at("acc-1", 60s, now - 1h, now), now + off);
  CAF_CHECK_EQUAL(first_poll_at("acc-1", 60s, now, now), now + off);
}
