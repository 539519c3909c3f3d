#include "actors/queues/attempt_decision.hpp"

#include <algorithm>

#include "runtime/supervision/backoff.hpp"

namespace switchboard {

namespace {

using std::chrono::milliseconds;

// Far beyond any configured base: only stops the doubling from overflowing
// into nonsense after many attempts.
constexpr milliseconds longest_backoff{24 * 60 * 60 * 1000};

backoff_policy policy_of(const job_backoff& backoff) {
  auto base = milliseconds{std::max<int64_t>(backoff.delay_ms, 0)};
  auto jitter = backoff.jitter ? jitter_mode::equal : jitter_mode::none;
  if (backoff.type == "exponential")
    return exponential_backoff(base, 2.0, std::max(base, longest_backoff),
                               jitter);
  return fixed_backoff(base, jitter);
}

attempt_decision make(attempt_decision::action what, std::string error,
                      milliseconds delay = milliseconds{0}) {
  attempt_decision result;
  result.what = what;
  result.error = std::move(error);
  result.delay = delay;
  return result;
}

} // namespace

const char* to_string(attempt_decision::action x) {
  switch (x) {
  case attempt_decision::action::complete: return "completed";
  case attempt_decision::action::retry: return "retry";
  case attempt_decision::action::dead: return "dead";
  case attempt_decision::action::snooze: return "snooze";
  }
  return "unknown";
}

milliseconds retry_delay(const job_backoff& backoff, int32_t attempt,
                         double random01) {
  auto index = static_cast<uint32_t>(std::max(attempt, 1) - 1);
  return delay(policy_of(backoff), index, random01);
}

attempt_decision decide(const job& x, const job_outcome& outcome,
                        double random01) {
  using action = attempt_decision::action;
  switch (outcome.status) {
  case job_status::completed: {
    auto result = make(action::complete, {});
    result.result = outcome.result;
    return result;
  }
  case job_status::snooze:
    return make(action::snooze, outcome.error,
                milliseconds{std::max<int64_t>(outcome.delay_ms, 0)});
  case job_status::fail: return make(action::dead, outcome.error);
  case job_status::retry: break;
  }
  if (x.attempts >= x.max_attempts) return make(action::dead, outcome.error);
  auto wait = outcome.delay_ms > 0
                  ? milliseconds{outcome.delay_ms}
                  : retry_delay(x.backoff, x.attempts, random01);
  return make(action::retry, outcome.error, wait);
}

job_outcome timeout_outcome(int64_t timeout_ms) {
  return job_retry("timeout after " + std::to_string(timeout_ms) + " ms");
}

job_outcome unknown_kind_outcome(const std::string& kind) {
  return job_failed("no handler for kind '" + kind + "'");
}

} // namespace switchboard
