#define CAF_SUITE polling.account_poller

#include "tests/polling_actor/poller_fixture.hpp"

using namespace std::chrono;
using namespace switchboard;
using switchboard::test::poller_fixture;

namespace {

http_response rate_limited(caf::timestamp reset) {
  auto res = poller_fixture::page(429, "{\"title\":\"Too Many Requests\"}");
  auto epoch = duration_cast<seconds>(reset.time_since_epoch()).count();
  res.headers = {{"x-rate-limit-limit", "900"},
                 {"x-rate-limit-remaining", "0"},
                 {"x-rate-limit-reset", std::to_string(epoch)}};
  return res;
}

caf::error refused() {
  return caf::make_error(errc::net_connection_refused);
}

std::string bearer(const http_request& req) {
  for (auto& h : req.headers)
    if (h.name == "Authorization") return h.value;
  return {};
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(account_poller_tests, poller_fixture)

CAF_TEST(the first poll comes at the stored next poll time) {
  start();
  CAF_CHECK_EQUAL(count_label("poller load"), 1u);
  advance(milliseconds{999});
  CAF_CHECK_EQUAL(requests(), 0u);
  advance(milliseconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  CAF_CHECK_EQUAL(http->seen[0].url, "http://127.0.0.1:9/2/users/42/mentions");
  CAF_CHECK_EQUAL(count_label("poll batch store"), 1u);
  CAF_MESSAGE("the next regular poll is exactly one interval later");
  advance(seconds{60} - milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 1u);
  advance(milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 2u);
}

CAF_TEST(a poller handed its account by the manager makes no query) {
  start_preloaded();
  CAF_CHECK(db->labels.empty());
  advance(milliseconds{999});
  CAF_CHECK_EQUAL(requests(), 0u);
  advance(milliseconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  CAF_CHECK_EQUAL(http->seen[0].url, "http://127.0.0.1:9/2/users/42/mentions");
  CAF_CHECK_EQUAL(count_label("poller load"), 0u);
  CAF_CHECK_EQUAL(count_label("poll batch store"), 1u);
  CAF_CHECK_EQUAL(state().account_id, "a1");
}

CAF_TEST(a rate limit waits until the reset and polls exactly then) {
  start();
  http->answers.push_back(rate_limited(wall_start + seconds{90}));
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  CAF_MESSAGE("last_error and the reset go through the batching writer");
  CAF_REQUIRE_EQUAL(notes.size(), 1u);
  CAF_CHECK_EQUAL(notes[0].account_id, "a1");
  CAF_CHECK_EQUAL(notes[0].error_kind, "rate_limited");
  CAF_CHECK(!notes[0].failed);
  CAF_CHECK_EQUAL(notes[0].next_poll_at, wall_start + seconds{90});
  CAF_CHECK_EQUAL(count_label("poll batch store"), 1u);
  advance(seconds{89} - milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 1u);
  advance(milliseconds{1});
  CAF_REQUIRE_EQUAL(requests(), 2u);
  CAF_CHECK_EQUAL(http->at[1], caf::timespan{seconds{90}});
  auto hits = std::count_if(events.begin(), events.end(), [](auto& ev) {
    return ev.outcome == poll_outcome::rate_limited;
  });
  CAF_CHECK_EQUAL(hits, 1);
}

CAF_TEST(a server error polls again after exactly two minutes) {
  start();
  http->answers.push_back(page(503));
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  advance(minutes{2} - milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 1u);
  advance(milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 2u);
  CAF_REQUIRE_EQUAL(notes.size(), 1u);
  CAF_CHECK_EQUAL(notes[0].error_kind, "server_error");
  CAF_CHECK(!notes[0].failed);
  CAF_CHECK_EQUAL(notes[0].next_poll_at, wall_start + seconds{121});
}

CAF_TEST(network errors retry after 2 4 8 s then record a failure) {
  start();
  for (int i = 0; i < 4; ++i)
    http->answers.push_back(refused());
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  for (auto wait : {seconds{2}, seconds{4}, seconds{8}}) {
    auto before = requests();
    advance(wait - milliseconds{1});
    CAF_CHECK_EQUAL(requests(), before);
    advance(milliseconds{1});
    CAF_CHECK_EQUAL(requests(), before + 1);
  }
  CAF_CHECK_EQUAL(requests(), 4u);
  CAF_MESSAGE("one failure note (a poll_failures row), no poll result");
  CAF_REQUIRE_EQUAL(notes.size(), 1u);
  CAF_CHECK(notes[0].failed);
  CAF_CHECK_EQUAL(notes[0].error_kind, "transient");
  CAF_CHECK_EQUAL(notes[0].attempts, 4);
  CAF_CHECK_EQUAL(notes[0].next_poll_at, wall_start + seconds{75});
  CAF_CHECK_EQUAL(count_label("poll batch store"), 1u);
  CAF_MESSAGE("the account waits for its next regular poll");
  advance(seconds{60} - milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 4u);
  advance(milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 5u);
  CAF_CHECK_EQUAL(count_label("poll batch store"), 2u);
}

CAF_TEST(a malformed answer counts as a transient failure) {
  start();
  http->answers.push_back(page(200, "not json"));
  advance(seconds{1});
  advance(seconds{2});
  CAF_CHECK_EQUAL(requests(), 2u);
  CAF_CHECK_EQUAL(count_label("poll batch store"), 1u);
}

// Requests to the HTTP client carry no CAF timeout, and CAF 0.17 never
// answers a request whose receiver died holding it.
CAF_TEST(an HTTP client that dies during a poll fails it into a retry) {
  start();
  http->hold = true;
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  CAF_REQUIRE(state().in_flight);
  http->hold = false;
  restart_http();
  CAF_CHECK_EQUAL(state().retries_done, 1u);
  advance(milliseconds{1999});
  CAF_CHECK_EQUAL(requests(), 1u);
  advance(milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 2u);
  CAF_CHECK(!state().in_flight);
}

CAF_TEST(polls never overlap and poll now coalesces with a running poll) {
  start();
  http->hold = true;
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  self->send(poller, poll_now_atom_v);
  self->send(poller, poll_now_atom_v);
  sched.run();
  CAF_CHECK_EQUAL(requests(), 1u);
  CAF_CHECK_EQUAL(state().coalesced, 2u);
  CAF_MESSAGE("a poll slower than the interval gets no second request");
  advance(seconds{30});
  CAF_CHECK_EQUAL(requests(), 1u);
  http->hold = false;
  release(page(200));
  CAF_CHECK_EQUAL(count_label("poll batch store"), 1u);
  CAF_CHECK(!state().in_flight);
}

CAF_TEST(poll now starts a poll at once when idle) {
  start();
  self->send(poller, poll_now_atom_v);
  sched.run();
  CAF_CHECK_EQUAL(requests(), 1u);
  CAF_MESSAGE("the timer armed before the poll is stale now");
  advance(seconds{1});
  CAF_CHECK_EQUAL(requests(), 1u);
  advance(seconds{59});
  CAF_CHECK_EQUAL(requests(), 2u);
}

CAF_TEST(regular polls start on the slack grid and retries keep exact times) {
  timer_slack = milliseconds{10};
  start();
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  CAF_MESSAGE("a poll now off the grid fails: its retry is exactly 2 s later");
  advance(milliseconds{3});
  http->answers.push_back(refused());
  self->send(poller, poll_now_atom_v);
  sched.run();
  CAF_REQUIRE_EQUAL(requests(), 2u);
  advance(seconds{2} - milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 2u);
  advance(milliseconds{1});
  CAF_REQUIRE_EQUAL(requests(), 3u);
  CAF_CHECK_EQUAL(http->at.back(), caf::timespan{milliseconds{3003}});
  CAF_MESSAGE("the next regular poll, due at 63.003 s, starts at 63.010 s");
  advance(seconds{60} + milliseconds{6});
  CAF_CHECK_EQUAL(requests(), 3u);
  advance(milliseconds{1});
  CAF_REQUIRE_EQUAL(requests(), 4u);
  CAF_CHECK_EQUAL(http->at.back(), caf::timespan{milliseconds{63010}});
  CAF_MESSAGE("its lateness counts from when it was due");
  auto started = std::find_if(events.rbegin(), events.rend(), [](auto& ev) {
    return ev.phase == poller_phase::active;
  });
  CAF_REQUIRE(started != events.rend());
  CAF_CHECK_EQUAL(started->lateness_us, 7000);
}

CAF_TEST(a refused token parks the account and no request follows) {
  start();
  http->answers.push_back(page(401, "{\"title\":\"Unauthorized\"}"));
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  CAF_CHECK_EQUAL(count_label("poller park"), 1u);
  auto parked = std::count_if(events.begin(), events.end(), [](auto& ev) {
    return ev.phase == poller_phase::parked;
  });
  CAF_CHECK_EQUAL(parked, 1);
  self->send(poller, poll_now_atom_v);
  advance(hours{2});
  CAF_CHECK_EQUAL(requests(), 1u);
}

CAF_TEST(pagination follows next_token and keeps since_id) {
  start();
  http->answers.push_back(page(
      200, R"({"data":[{"id":"20","text":"b"}],"meta":{"next_token":"t2"}})"));
  http->answers.push_back(
      page(200, R"({"data":[{"id":"10","text":"a"}],"meta":{}})"));
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 2u);
  auto& q = mentions_request(1).query;
  auto token = std::find_if(q.begin(), q.end(), [](auto& f) {
    return f.name == "pagination_token";
  });
  CAF_REQUIRE(token != q.end());
  CAF_CHECK_EQUAL(token->value, "t2");
  CAF_CHECK_EQUAL(count_label("poll batch store"), 1u);
  CAF_MESSAGE("the stored cursor is the next since_id");
  advance(seconds{60});
  CAF_REQUIRE_EQUAL(requests(), 3u);
  auto& q3 = mentions_request(2).query;
  auto since = std::find_if(q3.begin(), q3.end(), [](auto& f) {
    return f.name == "since_id";
  });
  CAF_REQUIRE(since != q3.end());
  CAF_CHECK_EQUAL(since->value, "7");
}

CAF_TEST(an adaptive account polls sooner while messages arrive) {
  start(true);
  db->inserted = 1;
  http->answers.push_back(
      page(200, R"({"data":[{"id":"20","text":"b"}],"meta":{}})"));
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  CAF_CHECK_EQUAL(state().acc.account.current_interval_ms, 30000);
  advance(seconds{30});
  CAF_CHECK_EQUAL(requests(), 2u);
}

CAF_TEST(a poller that cannot load its account retries instead of failing) {
  start(false, 2);
  CAF_CHECK_EQUAL(count_label("poller load"), 1u);
  advance(seconds{6});
  CAF_CHECK_EQUAL(count_label("poller load"), 2u);
  advance(seconds{6});
  CAF_CHECK_EQUAL(count_label("poller load"), 3u);
  CAF_MESSAGE("loaded: the stored next poll time has passed, it polls");
  advance(seconds{60});
  CAF_CHECK_GREATER(requests(), 0u);
}

CAF_TEST(a reconnect hands the running poller its new token and interval) {
  start();
  advance(seconds{1});
  CAF_REQUIRE_EQUAL(requests(), 1u);
  CAF_CHECK_EQUAL(bearer(http->seen[0]), "Bearer user-42");
  auto first_poll = http->seen.size();
  auto acc = state().acc;
  acc.access_token.value = "user-42-new";
  acc.account.poll_interval_ms = 30000;
  acc.account.current_interval_ms = 30000;
  self->send(poller, connect_account_atom_v, acc);
  sched.run();
  CAF_MESSAGE("the pending poll keeps its time and uses the new token");
  advance(seconds{60} - milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 1u);
  advance(milliseconds{1});
  CAF_REQUIRE_EQUAL(requests(), 2u);
  CAF_REQUIRE_GREATER(http->seen.size(), first_poll);
  for (auto i = first_poll; i < http->seen.size(); ++i)
    CAF_CHECK_EQUAL(bearer(http->seen[i]), "Bearer user-42-new");
  CAF_MESSAGE("then it polls at the new interval");
  advance(seconds{30} - milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 2u);
  advance(milliseconds{1});
  CAF_CHECK_EQUAL(requests(), 3u);
  CAF_CHECK_EQUAL(count_label("poller load"), 1u);
}

CAF_TEST(a token that cannot be decrypted parks the account on load) {
  db->unreadable_token = true;
  start();
  CAF_CHECK_EQUAL(count_label("poller load"), 1u);
  auto parked = std::count_if(events.begin(), events.end(), [](auto& ev) {
    return ev.phase == poller_phase::parked && ev.platform == "twitter";
  });
  CAF_CHECK_EQUAL(parked, 1);
  CAF_MESSAGE("the load is not retried and no request is made");
  advance(hours{1});
  CAF_CHECK_EQUAL(count_label("poller load"), 1u);
  CAF_CHECK_EQUAL(requests(), 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()
