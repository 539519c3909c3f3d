#define CAF_SUITE sim.fault_rules
#include "caf/test/unit_test.hpp"

#include "io/sim/fault.hpp"

using namespace switchboard::sim;

namespace {

std::vector<fault_rule> parse_ok(std::string_view text) {
  auto parsed = parse_fault_rules(text);
  if (auto* err = std::get_if<std::string>(&parsed))
    CAF_FAIL("unexpected error: " << *err);
  return std::get<std::vector<fault_rule>>(parsed);
}

std::string parse_error(std::string_view text) {
  auto parsed = parse_fault_rules(text);
  auto* err = std::get_if<std::string>(&parsed);
  CAF_REQUIRE(err != nullptr);
  return *err;
}

} // namespace

CAF_TEST(a rule reads every field) {
  auto rules = parse_ok(R"({"kind":"server_error","account":"42","count":3,
                            "probability":0.5,"status":503})");
  CAF_REQUIRE_EQUAL(rules.size(), 1u);
  const auto& r = rules.front();
  CAF_CHECK(r.kind == fault_kind::server_error);
  CAF_CHECK_EQUAL(r.account, "42");
  CAF_REQUIRE(r.count.has_value());
  CAF_CHECK_EQUAL(*r.count, 3u);
  CAF_CHECK_EQUAL(r.probability, 0.5);
  CAF_CHECK_EQUAL(r.status, 503);
}

CAF_TEST(defaults are global and unlimited with slow 1 s and hang 60 s) {
  auto rules = parse_ok(R"([{"kind":"slow"},{"kind":"timeout"}])");
  CAF_REQUIRE_EQUAL(rules.size(), 2u);
  CAF_CHECK(rules[0].account.empty());
  CAF_CHECK(!rules[0].count.has_value());
  CAF_CHECK_EQUAL(rules[0].delay_ms, 1000u);
  CAF_CHECK(rules[1].kind == fault_kind::hang);
  CAF_CHECK_EQUAL(rules[1].delay_ms, 60000u);
}

CAF_TEST(bad rules are refused with a message) {
  CAF_CHECK_EQUAL(parse_error("not json"), "the body must be JSON");
  CAF_CHECK_EQUAL(parse_error(R"({"kind":"explode"})"),
                  "unknown fault kind: explode");
  CAF_CHECK_EQUAL(parse_error(R"({"kind":"slow","colour":"red"})"),
                  "unknown fault field: colour");
  CAF_CHECK_EQUAL(parse_error(R"({"kind":"server_error","status":404})"),
                  "status must be an integer from 500 to 599");
  CAF_CHECK_EQUAL(parse_error(R"({"kind":"reset","probability":2})"),
                  "probability must be a number from 0 to 1");
  CAF_CHECK_EQUAL(parse_error(R"({"kind":"reset","count":0})"),
                  "count must be an integer from 1 to 1000000000");
  CAF_CHECK_EQUAL(parse_error("[]"), "no fault given");
  CAF_CHECK_EQUAL(parse_error(R"({"account":"1"})").substr(0, 16),
                  "kind is required");
}

CAF_TEST(account rules win over global ones and counts run out) {
  fault_table table{1};
  fault_rule global;
  global.kind = fault_kind::server_error;
  table.add(global);
  fault_rule mine;
  mine.kind = fault_kind::reset;
  mine.account = "a";
  mine.count = 2;
  table.add(mine);
  for (int i = 0; i < 2; ++i) {
    auto f = table.draw("a");
    CAF_REQUIRE(f.has_value());
    CAF_CHECK(f->kind == fault_kind::reset);
  }
  auto third = table.draw("a");
  CAF_REQUIRE(third.has_value());
  CAF_CHECK(third->kind == fault_kind::server_error);
  CAF_CHECK_EQUAL(table.rules().size(), 1u);
  auto other = table.draw("b");
  CAF_REQUIRE(other.has_value());
  CAF_CHECK(other->kind == fault_kind::server_error);
}

CAF_TEST(probability fires about that often and reproducibly per seed) {
  auto count_fired = [](uint32_t seed) {
    fault_table table{seed};
    fault_rule r;
    r.kind = fault_kind::slow;
    r.probability = 0.25;
    table.add(r);
    int fired = 0;
    for (int i = 0; i < 4000; ++i)
      if (table.draw("x")) ++fired;
    return fired;
  };
  auto n = count_fired(7);
  CAF_CHECK_GREATER(n, 850);
  CAF_CHECK_LESS(n, 1150);
  CAF_CHECK_EQUAL(n, count_fired(7));
}

CAF_TEST(clear removes every rule) {
  fault_table table{1};
  table.add(fault_rule{});
  table.clear();
  CAF_CHECK(!table.draw("x").has_value());
}
