#define CAF_SUITE queues.attempt_decision
#include "caf/test/unit_test.hpp"

#include "actors/queues/attempt_decision.hpp"

using namespace switchboard;
using namespace std::chrono_literals;
using action = attempt_decision::action;

namespace {

job failing_job(int32_t attempts, int32_t max_attempts = 4) {
  job x;
  x.id = "1";
  x.attempts = attempts;
  x.max_attempts = max_attempts;
  x.backoff = {"exponential", 5000, false};
  return x;
}

} // namespace

CAF_TEST(the seed retries wait 5 s then 10 s then 20 s then the job is dead) {
  auto first = decide(failing_job(1), job_retry("boom"), 0.5);
  CAF_CHECK(first.what == action::retry);
  CAF_CHECK_EQUAL(first.delay.count(), 5000);
  CAF_CHECK_EQUAL(first.error, "boom");
  auto second = decide(failing_job(2), job_retry("boom"), 0.5);
  CAF_CHECK_EQUAL(second.delay.count(), 10000);
  auto third = decide(failing_job(3), job_retry("boom"), 0.5);
  CAF_CHECK(third.what == action::retry);
  CAF_CHECK_EQUAL(third.delay.count(), 20000);
  auto fourth = decide(failing_job(4), job_retry("boom"), 0.5);
  CAF_CHECK(fourth.what == action::dead);
  CAF_CHECK_EQUAL(fourth.error, "boom");
}

CAF_TEST(a handler delay overrides the backoff) {
  auto d = decide(failing_job(1), job_retry("429", 1234), 0.5);
  CAF_CHECK(d.what == action::retry);
  CAF_CHECK_EQUAL(d.delay.count(), 1234);
}

CAF_TEST(fail is dead at once and completed keeps the result) {
  auto dead = decide(failing_job(1), job_failed("UNREGISTERED"), 0.5);
  CAF_CHECK(dead.what == action::dead);
  CAF_CHECK_EQUAL(dead.error, "UNREGISTERED");
  auto done = decide(failing_job(1), job_completed("{\"a\":1}"), 0.5);
  CAF_CHECK(done.what == action::complete);
  CAF_CHECK_EQUAL(done.result, "{\"a\":1}");
}

CAF_TEST(snooze is due after its delay even on the last attempt) {
  auto d = decide(failing_job(4), job_snoozed(700, "rate limit"), 0.5);
  CAF_CHECK(d.what == action::snooze);
  CAF_CHECK_EQUAL(d.delay.count(), 700);
  CAF_CHECK_EQUAL(d.error, "rate limit");
}

CAF_TEST(fixed backoff and jitter) {
  job_backoff fixed{"fixed", 300, false};
  CAF_CHECK_EQUAL(retry_delay(fixed, 1, 0.9).count(), 300);
  CAF_CHECK_EQUAL(retry_delay(fixed, 7, 0.9).count(), 300);
  job_backoff jittered{"exponential", 1000, true};
  // Equal jitter keeps half of 4000 ms and draws the rest.
  CAF_CHECK_EQUAL(retry_delay(jittered, 3, 0.0).count(), 2000);
  CAF_CHECK_EQUAL(retry_delay(jittered, 3, 0.5).count(), 3000);
  job_backoff none{"exponential", 0, false};
  CAF_CHECK_EQUAL(retry_delay(none, 3, 0.5).count(), 0);
}

CAF_TEST(many attempts stay capped at a day) {
  job_backoff exp{"exponential", 5000, false};
  CAF_CHECK_EQUAL(retry_delay(exp, 1000, 0.5).count(), 24 * 60 * 60 * 1000);
}

CAF_TEST(timeouts and unknown kinds have clear errors) {
  auto t = timeout_outcome(2000);
  CAF_CHECK(t.status == job_status::retry);
  CAF_CHECK_EQUAL(t.error, "timeout after 2000 ms");
  auto u = unknown_kind_outcome("nope");
  CAF_CHECK(u.status == job_status::fail);
  CAF_CHECK_EQUAL(u.error, "no handler for kind 'nope'");
  CAF_CHECK_EQUAL(std::string{to_string(action::dead)}, "dead");
}
