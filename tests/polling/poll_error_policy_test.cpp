#define CAF_SUITE polling.errors
#include <chrono>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/polling/poll_error_policy.hpp"
#include "messages/error.hpp"
#include "messages/http_client.hpp"

using namespace switchboard;
using namespace switchboard::polling;
using namespace std::chrono_literals;

namespace {

const caf::timestamp now = caf::timestamp{std::chrono::seconds{1772368496}};
const caf::timestamp regular = now + 60s;
const poll_timing seed_timing;

poll_error status(uint16_t code) {
  poll_error err;
  err.kind = poll_error_kind::http_status;
  err.status = code;
  return err;
}

poll_error of_kind(poll_error_kind kind) {
  poll_error err;
  err.kind = kind;
  return err;
}

poll_decision after(const poll_error& err, uint32_t retries_done,
                    const char* platform = "twitter") {
  return decide(err, platform, retries_done, now, regular, seed_timing);
}

} // namespace

CAF_TEST(401 and 403 park the account) {
  for (uint16_t code : {401, 403}) {
    auto d = after(status(code), 0);
    CAF_CHECK(d.error_class == poll_error_class::auth_revoked);
    CAF_CHECK(d.action == poll_action::park);
    // Also after retries: a revoked token is never retried.
    CAF_CHECK(after(status(code), 2).action == poll_action::park);
  }
}

CAF_TEST(429 waits until the reset of the headers) {
  auto err = status(429);
  err.rate_limit.reset = now + 7min;
  auto d = after(err, 0);
  CAF_CHECK(d.error_class == poll_error_class::rate_limited);
  CAF_CHECK(d.action == poll_action::reschedule);
  CAF_CHECK_EQUAL(d.at, now + 7min);
  // Retries done before do not matter: no attempt before the reset.
  CAF_CHECK_EQUAL(after(err, 3).at, now + 7min);
  CAF_CHECK(after(err, 3).action == poll_action::reschedule);
}

CAF_TEST(429 without headers waits the platform window) {
  CAF_CHECK_EQUAL(after(status(429), 0, "twitter").at, now + 15min);
  // LinkedIn: the next 00:00 UTC (2026-03-02).
  CAF_CHECK_EQUAL(after(status(429), 0, "linkedin").at,
                  caf::timestamp{std::chrono::seconds{1772409600}});
}

CAF_TEST(remaining zero on an error answer is a rate limit too) {
  auto err = status(500);
  err.rate_limit.remaining = 0;
  err.rate_limit.reset = now + 90s;
  auto d = after(err, 0);
  CAF_CHECK(d.error_class == poll_error_class::rate_limited);
  CAF_CHECK_EQUAL(d.at, now + 90s);
}

CAF_TEST(5xx retries after two minutes) {
  for (uint16_t code : {500, 502, 503, 504, 599}) {
    auto d = after(status(code), 0);
    CAF_CHECK(d.error_class == poll_error_class::server_error);
    CAF_CHECK(d.action == poll_action::reschedule);
    CAF_CHECK_EQUAL(d.at, now + 2min);
  }
}

CAF_TEST(network errors back off 2 4 8 seconds then give up) {
  auto err = of_kind(poll_error_kind::network);
  auto first = after(err, 0);
  auto second = after(err, 1);
  auto third = after(err, 2);
  auto fourth = after(err, 3);
  CAF_CHECK(first.action == poll_action::retry);
  CAF_CHECK_EQUAL(first.at, now + 2s);
  CAF_CHECK(second.action == poll_action::retry);
  CAF_CHECK_EQUAL(second.at, now + 4s);
  CAF_CHECK(third.action == poll_action::retry);
  CAF_CHECK_EQUAL(third.at, now + 8s);
  CAF_CHECK(fourth.action == poll_action::give_up);
  CAF_CHECK(fourth.error_class == poll_error_class::transient);
  CAF_CHECK_EQUAL(fourth.at, regular);
}

CAF_TEST(giving up never schedules in the past) {
  auto d = decide(of_kind(poll_error_kind::network), "twitter", 3, now,
                  now - 5s, seed_timing);
  CAF_CHECK(d.action == poll_action::give_up);
  CAF_CHECK_EQUAL(d.at, now);
}

CAF_TEST(other failures are transient) {
  std::vector<poll_error> others{of_kind(poll_error_kind::malformed_response),
                                 of_kind(poll_error_kind::other),
                                 status(400),
                                 status(404),
                                 status(418),
                                 status(302)};
  for (auto& err : others) {
    auto d = after(err, 0);
    CAF_CHECK(d.error_class == poll_error_class::transient);
    CAF_CHECK(d.action == poll_action::retry);
    CAF_CHECK_EQUAL(d.at, now + 2s);
  }
}

CAF_TEST(the timing is configurable) {
  poll_timing fast;
  fast.server_error_delay = 5s;
  fast.retry_backoff = exponential_backoff(100ms, 2.0, 1s);
  fast.max_retries = 1;
  auto net = of_kind(poll_error_kind::network);
  CAF_CHECK_EQUAL(decide(status(503), "twitter", 0, now, regular, fast).at,
                  now + 5s);
  CAF_CHECK_EQUAL(decide(net, "twitter", 0, now, regular, fast).at,
                  now + 100ms);
  CAF_CHECK(decide(net, "twitter", 1, now, regular, fast).action
            == poll_action::give_up);
}

CAF_TEST(class and action names are stable) {
  CAF_CHECK_EQUAL(to_string(poll_error_class::auth_revoked), "auth_revoked");
  CAF_CHECK_EQUAL(to_string(poll_error_class::rate_limited), "rate_limited");
  CAF_CHECK_EQUAL(to_string(poll_error_class::server_error), "server_error");
  CAF_CHECK_EQUAL(to_string(poll_error_class::transient), "transient");
  CAF_CHECK_EQUAL(to_string(poll_action::give_up), "give_up");
  CAF_CHECK_EQUAL(to_string(poll_action::park), "park");
}

CAF_TEST(a response becomes a status error without its body) {
  http_response res;
  res.status = 429;
  res.body = R"({"detail":"secret body text"})";
  res.headers
      = {{"x-rate-limit-remaining", "0"}, {"x-rate-limit-reset", "1772369400"}};
  auto err = from_response(res);
  CAF_CHECK(err.kind == poll_error_kind::http_status);
  CAF_CHECK_EQUAL(err.status, 429u);
  CAF_CHECK_EQUAL(err.detail, "HTTP 429");
  auto reset = err.rate_limit.reset;
  CAF_REQUIRE(reset);
  CAF_CHECK_EQUAL(*reset, caf::timestamp{std::chrono::seconds{1772369400}});
}

CAF_TEST(client errors become network or other errors) {
  auto net = from_error(caf::make_error(errc::net_connection_reset));
  CAF_CHECK(net.kind == poll_error_kind::network);
  CAF_CHECK(!net.detail.empty());
  auto other = from_error(caf::make_error(errc::invalid_argument));
  CAF_CHECK(other.kind == poll_error_kind::other);
  CAF_CHECK(classify(net) == poll_error_class::transient);
}
