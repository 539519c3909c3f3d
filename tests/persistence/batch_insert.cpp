#define CAF_SUITE persistence.batch_insert
#include "persistence/batch_insert.hpp"

#include <stdexcept>

#include "caf/test/unit_test.hpp"

#include "tests/support/throws.hpp"

using namespace switchboard::persistence;
using switchboard::test::throws;

namespace {

batch_spec messages_spec() {
  return batch_spec{
      "messages", {"platform", "id"}, "ON CONFLICT (platform, id) DO NOTHING"};
}

} // namespace

CAF_TEST(the statement binds one parameter per value) {
  CAF_CHECK_EQUAL(batch_insert_sql(messages_spec(), 2),
                  "INSERT INTO messages (platform, id) VALUES ($1, $2), "
                  "($3, $4) ON CONFLICT (platform, id) DO NOTHING");
  auto spec = messages_spec();
  spec.conflict_clause.clear();
  CAF_CHECK_EQUAL(batch_insert_sql(spec, 1),
                  "INSERT INTO messages (platform, id) VALUES ($1, $2)");
}

CAF_TEST(rows per statement respect the parameter limit) {
  CAF_CHECK_EQUAL(rows_per_statement(1), 65535u);
  CAF_CHECK_EQUAL(rows_per_statement(7), 9362u);
  CAF_CHECK_LESS_OR_EQUAL(rows_per_statement(7) * 7, 65535u);
}

CAF_TEST(only identifiers are spliced into the statement) {
  CAF_CHECK(is_sql_identifier("messages"));
  CAF_CHECK(is_sql_identifier("public.messages"));
  CAF_CHECK(is_sql_identifier("_t1"));
  CAF_CHECK(!is_sql_identifier(""));
  CAF_CHECK(!is_sql_identifier("1t"));
  CAF_CHECK(!is_sql_identifier("t; DROP TABLE x"));
  CAF_CHECK(!is_sql_identifier("a.b.c"));
  CAF_CHECK(!is_sql_identifier("\"quoted\""));
  auto spec = messages_spec();
  spec.columns.push_back("id) VALUES (1); --");
  CAF_CHECK(throws<std::invalid_argument>([&] {
    validate(spec);
  }));
  spec.columns.clear();
  CAF_CHECK(throws<std::invalid_argument>([&] {
    validate(spec);
  }));
  CAF_CHECK(!throws<std::exception>([] {
    validate(messages_spec());
  }));
}
