#define CAF_SUITE persistence.db_failure
#include "persistence/db_failure.hpp"

#include <string>

#include "caf/test/unit_test.hpp"

using namespace switchboard::persistence;

CAF_TEST(ordinary sql errors on a live connection are query failures) {
  CAF_CHECK(classify_sql_error("23505", "INSERT INTO t VALUES ($1)", true)
            == failure_kind::query_failed);
  CAF_CHECK(classify_sql_error("42P01", "COMMIT", true)
            == failure_kind::query_failed);
}

CAF_TEST(server shutdown codes mean the connection is lost) {
  for (auto code : {"57P01", "57P02", "57P03", "08006", "08003"})
    CAF_CHECK(classify_sql_error(code, "INSERT INTO t VALUES ($1)", true)
              == failure_kind::connection_lost);
}

CAF_TEST(a closed connection is lost whatever the code) {
  CAF_CHECK(classify_sql_error("23505", "SELECT 1", false)
            == failure_kind::connection_lost);
}

CAF_TEST(losing the connection during commit leaves the outcome unknown) {
  CAF_CHECK(classify_sql_error("57P01", "COMMIT", true)
            == failure_kind::commit_in_doubt);
  CAF_CHECK(classify_sql_error("", "commit;", false)
            == failure_kind::commit_in_doubt);
}

CAF_TEST(sqlstate names carry no data) {
  CAF_CHECK_EQUAL(std::string{sqlstate_name("23505")}, "unique_violation");
  CAF_CHECK_EQUAL(std::string{sqlstate_name("23999")},
                  "class 23 integrity_constraint_violation");
  CAF_CHECK_EQUAL(std::string{sqlstate_name("")}, "unknown");
  CAF_CHECK_EQUAL(std::string{sqlstate_name("ZZ000")}, "other");
}
