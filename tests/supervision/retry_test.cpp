#define CAF_SUITE supervision.retry
#include <chrono>

#include "caf/test/dsl.hpp"

#include "runtime/supervision/retry.hpp"

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using switchboard::exponential_backoff;
using switchboard::jitter_mode;
using switchboard::next_retry;
using switchboard::retry_policy;

CAF_TEST(polling retries after 2 s 4 s 8 s then gives up) {
  retry_policy p{3, exponential_backoff(2s, 2.0, 1min)};
  CAF_CHECK(next_retry(p, 0, 0.0) == milliseconds{2000});
  CAF_CHECK(next_retry(p, 1, 0.0) == milliseconds{4000});
  CAF_CHECK(next_retry(p, 2, 0.0) == milliseconds{8000});
  CAF_CHECK(!next_retry(p, 3, 0.0));
  CAF_CHECK(!next_retry(p, 4));
  CAF_CHECK(!next_retry(p, 1000));
}

CAF_TEST(job retries after 5 s 10 s 20 s) {
  retry_policy p{3, exponential_backoff(5s, 2.0, 1h)};
  CAF_CHECK(next_retry(p, 0, 0.0) == milliseconds{5000});
  CAF_CHECK(next_retry(p, 1, 0.0) == milliseconds{10000});
  CAF_CHECK(next_retry(p, 2, 0.0) == milliseconds{20000});
  CAF_CHECK(!next_retry(p, 3, 0.0));
}

CAF_TEST(zero retries gives up at once) {
  retry_policy p{0, exponential_backoff(1s, 2.0, 1min)};
  CAF_CHECK(!next_retry(p, 0, 0.0));
  CAF_CHECK(!next_retry(p, 0));
}

CAF_TEST(jitter of the backoff applies to retries) {
  retry_policy p{2, exponential_backoff(2s, 2.0, 1min, jitter_mode::full)};
  CAF_CHECK(next_retry(p, 0, 0.5) == milliseconds{1000});
  auto drawn = next_retry(p, 1);
  CAF_REQUIRE(drawn);
  CAF_CHECK_LESS(*drawn, milliseconds{4000});
}
