#define CAF_SUITE persistence.migrator
#include "persistence/migrator.hpp"

#include <future>
#include <pqxx/pqxx>
#include <set>
#include <stdexcept>

#include "caf/test/unit_test.hpp"

#include "tests/support/pg_harness.hpp"
#include "tests/support/throws.hpp"

using namespace switchboard::persistence;
using switchboard::test::pg_harness;
using switchboard::test::throws;

namespace {

bool table_exists(pqxx::connection& conn, const std::string& table) {
  pqxx::nontransaction tx{conn};
  return tx.exec_params1("SELECT to_regclass($1) IS NOT NULL", table)[0]
      .as<bool>();
}

// 0002 needs 0001's table: applied out of order, it fails.
const std::vector<migration_source> two_steps{
    {"0002_child.sql",
     "CREATE TABLE child (id int PRIMARY KEY, parent int REFERENCES "
     "parent(id));"},
    {"0001_parent.sql", "CREATE TABLE parent (id int PRIMARY KEY);"},
};

} // namespace

CAF_TEST(versions come from the numeric prefix) {
  CAF_CHECK_EQUAL(migration_version("0001_foundation.sql"), 1);
  CAF_CHECK_EQUAL(migration_version("0042_x.sql"), 42);
  CAF_CHECK(throws<std::invalid_argument>([] {
    migration_version("x.sql");
  }));
  CAF_CHECK(throws<std::invalid_argument>([] {
    migration_version("0000_x.sql");
  }));
}

CAF_TEST(the epoch helpers are inlined into the statements using them) {
  pqxx::connection conn{pg_harness::get().fresh_database("mig_inlined")};
  migrator::apply(conn, embedded_migrations());
  pqxx::nontransaction tx{conn};
  std::string plan;
  for (auto row : tx.exec("EXPLAIN VERBOSE SELECT sb_epoch_us(now() + g *"
                          " interval '1 s'), sb_from_epoch_us(g)"
                          " FROM generate_series(1, 2) g"))
    plan += row[0].as<std::string>();
  CAF_MESSAGE(plan);
  // A function call left in the plan runs through fmgr_sql on every row.
  CAF_CHECK_EQUAL(plan.find("sb_epoch_us"), std::string::npos);
  CAF_CHECK_EQUAL(plan.find("sb_from_epoch_us"), std::string::npos);
  CAF_CHECK_EQUAL(
      tx.exec1("SELECT sb_epoch_us(sb_from_epoch_us(-1234567))")[0].as<long>(),
      -1234567L);
}

CAF_TEST(the embedded migrations apply once) {
  pqxx::connection conn{pg_harness::get().fresh_database("mig_embedded")};
  CAF_CHECK_EQUAL(migrator::current_version(conn), 0);
  auto applied = migrator::apply(conn, embedded_migrations());
  CAF_REQUIRE_EQUAL(applied.size(), embedded_migrations().size());
  CAF_CHECK_EQUAL(applied.front(), "0001_foundation.sql");
  CAF_CHECK(table_exists(conn, "node_events"));
  CAF_CHECK_EQUAL(migrator::current_version(conn),
                  migration_version(embedded_migrations().back().name));
  CAF_MESSAGE("applying again changes nothing");
  CAF_CHECK(migrator::apply(conn, embedded_migrations()).empty());
}

CAF_TEST(migrations run in file name order each with its row) {
  pqxx::connection conn{pg_harness::get().fresh_database("mig_order")};
  auto applied = migrator::apply(conn, two_steps);
  CAF_REQUIRE_EQUAL(applied.size(), 2u);
  CAF_CHECK_EQUAL(applied[0], "0001_parent.sql");
  CAF_CHECK_EQUAL(applied[1], "0002_child.sql");
  pqxx::nontransaction tx{conn};
  auto rows = tx.exec("SELECT version, name, applied_at IS NOT NULL FROM "
                      "schema_migrations ORDER BY version");
  CAF_REQUIRE_EQUAL(rows.size(), 2u);
  CAF_CHECK_EQUAL(rows[1][0].as<int>(), 2);
  CAF_CHECK_EQUAL(rows[1][1].as<std::string>(), "0002_child.sql");
  CAF_CHECK(rows[1][2].as<bool>());
}

CAF_TEST(a failing migration leaves no trace and keeps earlier ones) {
  pqxx::connection conn{pg_harness::get().fresh_database("mig_fail")};
  std::vector<migration_source> broken{
      {"0001_ok.sql", "CREATE TABLE ok (id int);"},
      {"0002_bad.sql", "CREATE TABLE half (id int); SELEC nonsense;"},
  };
  CAF_CHECK(throws<pqxx::sql_error>([&] {
    migrator::apply(conn, broken);
  }));
  CAF_CHECK_EQUAL(migrator::current_version(conn), 1);
  CAF_CHECK(table_exists(conn, "ok"));
  CAF_CHECK(!table_exists(conn, "half"));
}

CAF_TEST(a schema newer than the binary is refused) {
  pqxx::connection conn{pg_harness::get().fresh_database("mig_newer")};
  migrator::apply(conn, embedded_migrations());
  // A version no binary of ours will know for a long time.
  {
    pqxx::work tx{conn};
    tx.exec("INSERT INTO schema_migrations (version, name) "
            "VALUES (9999, '9999_future.sql')");
    tx.commit();
  }
  std::string message;
  int database_version = 0;
  try {
    migrator::apply(conn, embedded_migrations());
  } catch (const schema_too_new_error& e) {
    message = e.what();
    database_version = e.database_version();
  }
  auto known = migration_version(embedded_migrations().back().name);
  CAF_CHECK_EQUAL(message, "database schema version 9999 is newer than this "
                           "binary (knows up to "
                               + std::to_string(known)
                               + "); upgrade switchboard");
  CAF_CHECK_EQUAL(database_version, 9999);
}

CAF_TEST(concurrent migrators apply each migration once) {
  auto conninfo = pg_harness::get().fresh_database("mig_race");
  auto run = [conninfo] {
    pqxx::connection conn{conninfo};
    return migrator::apply(conn, two_steps);
  };
  auto a = std::async(std::launch::async, run);
  auto b = std::async(std::launch::async, run);
  auto names_a = a.get();
  auto names_b = b.get();
  std::multiset<std::string> all(names_a.begin(), names_a.end());
  all.insert(names_b.begin(), names_b.end());
  CAF_CHECK_EQUAL(all.size(), 2u);
  CAF_CHECK_EQUAL(all.count("0001_parent.sql"), 1u);
  CAF_CHECK_EQUAL(all.count("0002_child.sql"), 1u);
}
