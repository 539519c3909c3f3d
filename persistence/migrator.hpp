#pragma once

// Applies the schema migrations (persistence/migrations/NNNN_name.sql) to a
// database.
//
// Promises:
// - Migrations run in file-name order; a migration's version is the numeric
//   prefix of its name (0001_foundation.sql is version 1).
// - Each migration runs in its own transaction together with its row in
//   schema_migrations(version, name, applied_at): it is applied completely
//   or not at all.
// - Concurrent migrators on one database wait for each other (a transaction
//   advisory lock), so each migration is applied once.
// - Applying again is a no-op.
// - A database whose highest applied version is above the highest known one
//   is refused with schema_too_new_error before anything is changed.
// - A failing migration throws the libpqxx exception; earlier migrations
//   stay applied.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "persistence/migrations.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::persistence {

/// The database was migrated by a newer switchboard.
class schema_too_new_error : public std::runtime_error {
 public:
  schema_too_new_error(int database_version, int known_version);

  int database_version() const {
    return database_version_;
  }

  int known_version() const {
    return known_version_;
  }

 private:
  int database_version_;
  int known_version_;
};

/// The version of a migration file name: its numeric prefix. Throws
/// std::invalid_argument for a name without one (or a zero prefix).
int migration_version(std::string_view name);

namespace migrator {

/// Applies every migration not yet applied; returns the names applied.
std::vector<std::string> apply(pqxx::connection_base& conn,
                               const std::vector<migration_source>& all);

/// The highest applied version; 0 for a database never migrated.
int current_version(pqxx::connection_base& conn);

} // namespace migrator

} // namespace switchboard::persistence
