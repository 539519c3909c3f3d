#define CAF_SUITE sim.smseagle_wire
#include "caf/test/unit_test.hpp"

#include "tests/sim/sim_fixture.hpp"

using namespace switchboard::sim;
using namespace switchboard::sim::testing;
using nlohmann::json;

namespace {

constexpr platform eagle = platform::smseagle;

header_list token() {
  return {{"access-token", "eagle-secret"}};
}

} // namespace

CAF_TEST_FIXTURE_SCOPE(smseagle_wire_tests, sim_fixture)

CAF_TEST(a send answers one queued entry per recipient and records them) {
  start({eagle});
  auto res = post(eagle, "/api/v2/messages/sms",
                  R"({"to":["+48123456789","+48123456799"],"text":"Hello"})",
                  token());
  CAF_REQUIRE_EQUAL(res.status, 200);
  auto body = res.json();
  CAF_REQUIRE(body.is_array());
  CAF_REQUIRE_EQUAL(body.size(), 2u);
  CAF_CHECK_EQUAL(body[0]["status"], "queued");
  CAF_CHECK_EQUAL(body[0]["message"], "Hello");
  CAF_CHECK_EQUAL(body[0]["number"], "+48123456789");
  CAF_CHECK_EQUAL(body[0]["id"].get<int>(), 1);
  CAF_CHECK_EQUAL(body[1]["id"].get<int>(), 2);
  auto accepted = sims->smseagle().accepted();
  CAF_REQUIRE_EQUAL(accepted.size(), 2u);
  CAF_CHECK_EQUAL(accepted[1].number, "+48123456799");
  CAF_CHECK_EQUAL(
      sims->smseagle().stats().account("+48123456789").messages_accepted, 2u);
  auto single = post(eagle, "/index.php/api/v2/messages/sms_single",
                     R"({"to":"+48111222333","text":"x"})", token());
  CAF_CHECK_EQUAL(single.status, 200);
  CAF_CHECK_EQUAL(single.json()[0]["id"].get<int>(), 3);
}

CAF_TEST(sent messages move from outbox to sent and get a delivery status) {
  start({eagle});
  post(eagle, "/api/v2/messages/sms",
       R"({"to":["+48123456789","+48123456799"],"text":"Hello"})", token());
  auto outbox = get(eagle, "/api/v2/messages/outbox", token());
  CAF_REQUIRE_EQUAL(outbox.status, 200);
  CAF_CHECK_EQUAL(outbox.json().size(), 2u);
  CAF_CHECK_EQUAL(get(eagle, "/api/v2/messages/sent", token()).status, 404);
  sims->smseagle().advance_clock(std::chrono::seconds{5});
  auto sent = get(eagle, "/api/v2/messages/sent?id_from=2&id_to=2", token());
  CAF_REQUIRE_EQUAL(sent.status, 200);
  auto rows = sent.json();
  CAF_REQUIRE_EQUAL(rows.size(), 1u);
  CAF_CHECK_EQUAL(rows[0]["id"].get<int>(), 2);
  CAF_CHECK_EQUAL(rows[0]["status"], "delivery_failed");
  CAF_CHECK_EQUAL(rows[0]["folder_id"].get<int>(), 3);
  auto first = get(eagle, "/api/v2/messages/sent?id_to=1", token()).json();
  CAF_CHECK_EQUAL(first[0]["status"], "delivery_ok");
  CAF_CHECK(first[0]["delivery_date"].is_string());
  auto none = get(eagle, "/api/v2/messages/sent?id_from=3", token());
  CAF_CHECK_EQUAL(none.status, 404);
  CAF_CHECK_EQUAL(none.json()["message"].get<std::string>(),
                  "Resource(s) not found");
}

CAF_TEST(the inbox is a deterministic stream paged by id) {
  settings.backlog = 8;
  start({eagle});
  auto page = get(eagle, "/api/v2/messages/inbox?id_from=3&limit=4", token());
  CAF_REQUIRE_EQUAL(page.status, 200);
  auto rows = page.json();
  CAF_REQUIRE_EQUAL(rows.size(), 4u);
  CAF_CHECK_EQUAL(rows[0]["id"].get<int>(), 3);
  CAF_CHECK_EQUAL(rows[3]["id"].get<int>(), 6);
  auto newest
      = get(eagle, "/api/v2/messages/inbox?order=desc&limit=1", token());
  CAF_CHECK_EQUAL(newest.json()[0]["id"].get<int>(), 8);
  CAF_CHECK_EQUAL(sims->smseagle().stats().account("inbox").messages_served,
                  5u);
}

CAF_TEST(bad input and missing tokens are refused) {
  start({eagle});
  auto anonymous
      = post(eagle, "/api/v2/messages/sms", R"({"to":["+48123"],"text":"x"})");
  CAF_CHECK_EQUAL(anonymous.status, 401);
  auto bad
      = post(eagle, "/api/v2/messages/sms", R"({"to":["+48123"]})", token());
  CAF_CHECK_EQUAL(bad.status, 400);
  CAF_CHECK_EQUAL(bad.json()["message"].get<std::string>(), "text is required");
  CAF_CHECK_EQUAL(get(eagle, "/api/v2/messages/trash", token()).status, 400);
  CAF_CHECK_EQUAL(get(eagle, "/api/v2/messages/inbox?limit=0", token()).status,
                  400);
  CAF_CHECK(sims->smseagle().accepted().empty());
}

CAF_TEST(faults answer instead of sending) {
  start({eagle});
  fault_rule r;
  r.kind = fault_kind::server_error;
  r.count = 1;
  sims->smseagle().add_fault(r);
  auto failed = post(eagle, "/api/v2/messages/sms",
                     R"({"to":["+48123456789"],"text":"x"})", token());
  CAF_CHECK_EQUAL(failed.status, 500);
  CAF_CHECK(sims->smseagle().accepted().empty());
  CAF_CHECK_EQUAL(post(eagle, "/api/v2/messages/sms",
                       R"({"to":["+48123456789"],"text":"x"})", token())
                      .status,
                  200);
  sims->smseagle().reset();
  CAF_CHECK(sims->smseagle().accepted().empty());
  CAF_CHECK_EQUAL(sims->smseagle().stats().total.requests, 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()
