#define CAF_SUITE queues.prefetch_policy
#include "caf/test/unit_test.hpp"

#include "actors/queues/prefetch_policy.hpp"

using namespace switchboard;
using namespace std::chrono_literals;

CAF_TEST(nothing is prefetched before an attempt finished) {
  attempt_time_mean mean;
  CAF_CHECK(!mean.value());
  CAF_CHECK_EQUAL(prefetch_allowance(50, 20ms, mean.value()), 0u);
}

CAF_TEST(short attempts prefetch twice the concurrency) {
  attempt_time_mean mean;
  mean.add(2ms);
  CAF_CHECK_EQUAL(prefetch_allowance(50, 20ms, mean.value()), 100u);
  CAF_CHECK_EQUAL(prefetch_allowance(3, 20ms, mean.value()), 6u);
}

CAF_TEST(attempts at or over the bound prefetch nothing) {
  CAF_CHECK_EQUAL(prefetch_allowance(50, 20ms, 20ms), 0u);
  CAF_CHECK_EQUAL(prefetch_allowance(50, 20ms, 5min), 0u);
  CAF_MESSAGE("a bound of 0 turns prefetching off");
  CAF_CHECK_EQUAL(prefetch_allowance(50, 0ms, 0ms), 0u);
}

CAF_TEST(the mean weighs each new attempt an eighth) {
  attempt_time_mean mean;
  auto mean_ms = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               mean.value().value_or(std::chrono::nanoseconds{-1}))
        .count();
  };
  mean.add(8ms);
  CAF_CHECK_EQUAL(mean_ms(), 8);
  mean.add(16ms);
  CAF_CHECK_EQUAL(mean_ms(), 9);
  CAF_MESSAGE("long jobs turn prefetching off within a few attempts");
  for (int i = 0; i < 3; ++i)
    mean.add(1s);
  CAF_CHECK_EQUAL(prefetch_allowance(50, 20ms, mean.value()), 0u);
}
