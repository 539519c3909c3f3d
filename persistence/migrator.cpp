#include "persistence/migrator.hpp"

#include <algorithm>
#include <cctype>
#include <pqxx/pqxx>
#include <set>

#include "persistence/log.hpp"

namespace switchboard::persistence {

namespace {

// Any constant works as long as every migrator uses the same: "sbmigrat".
constexpr int64_t migration_lock = 0x73626d6967726174;

struct versioned {
  int version;
  const migration_source* source;
};

std::vector<versioned> in_order(const std::vector<migration_source>& all) {
  std::vector<versioned> result;
  for (auto& m : all)
    result.push_back({migration_version(m.name), &m});
  std::sort(result.begin(), result.end(),
            [](const versioned& x, const versioned& y) {
              return x.source->name < y.source->name;
            });
  std::set<int> seen;
  for (auto& m : result)
    if (!seen.insert(m.version).second)
      throw std::invalid_argument("two migrations share version "
                                  + std::to_string(m.version));
  return result;
}

void lock(pqxx::work& tx) {
  tx.exec_params("SELECT pg_advisory_xact_lock($1)", migration_lock);
}

int max_version(pqxx::work& tx) {
  auto row
      = tx.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  return row[0].as<int>();
}

bool applied(pqxx::work& tx, int version) {
  return !tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1",
                         version)
              .empty();
}

// Creates the bookkeeping table and refuses a schema from the future.
void check_database(pqxx::connection_base& conn, int known) {
  pqxx::work tx{conn};
  lock(tx);
  tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version int PRIMARY KEY,"
          " name text NOT NULL,"
          " applied_at timestamptz NOT NULL DEFAULT now())");
  auto current = max_version(tx);
  tx.commit();
  if (current > known) throw schema_too_new_error(current, known);
}

bool apply_one(pqxx::connection_base& conn, const versioned& m) {
  pqxx::work tx{conn};
  lock(tx);
  if (applied(tx, m.version)) return false;
  tx.exec(m.source->sql);
  tx.exec_params("INSERT INTO schema_migrations (version, name, applied_at)"
                 " VALUES ($1, $2, now())",
                 m.version, m.source->name);
  tx.commit();
  return true;
}

} // namespace

schema_too_new_error::schema_too_new_error(int database_version,
                                           int known_version)
    : std::runtime_error(
        "database schema version " + std::to_string(database_version)
        + " is newer than this binary (knows up to "
        + std::to_string(known_version) + "); upgrade switchboard"),
      database_version_(database_version), known_version_(known_version) {
  // nop
}

int migration_version(std::string_view name) {
  size_t digits = 0;
  while (digits < name.size()
         && std::isdigit(static_cast<unsigned char>(name[digits])))
    ++digits;
  if (digits == 0 || digits > 9)
    throw std::invalid_argument("migration name without a version: "
                                + std::string{name});
  auto version = std::stoi(std::string{name.substr(0, digits)});
  if (version == 0)
    throw std::invalid_argument("migration version 0: " + std::string{name});
  return version;
}

namespace migrator {

std::vector<std::string> apply(pqxx::connection_base& conn,
                               const std::vector<migration_source>& all) {
  auto ordered = in_order(all);
  auto known = ordered.empty()
                   ? 0
                   : std::max_element(ordered.begin(), ordered.end(),
                                      [](auto& x, auto& y) {
                                        return x.version < y.version;
                                      })
                         ->version;
  check_database(conn, known);
  std::vector<std::string> names;
  for (auto& m : ordered) {
    if (!apply_one(conn, m)) continue;
    db_log()->info("applied migration {}", m.source->name);
    names.push_back(m.source->name);
  }
  return names;
}

int current_version(pqxx::connection_base& conn) {
  pqxx::read_transaction tx{conn};
  auto exists = tx.exec1("SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (!exists[0].as<bool>()) return 0;
  return tx.exec1("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0]
      .as<int>();
}

} // namespace migrator

} // namespace switchboard::persistence
