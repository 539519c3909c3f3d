#pragma once

// Schema migrations: numbered .sql files under persistence/migrations/,
// compiled into the binary (cmake/embed_migrations.cmake) and applied in
// order, each in its own transaction, recorded in schema_migrations.

#include <string>
#include <vector>

namespace switchboard::persistence {

/// One migration file as compiled in: `name` is e.g. "0001_foundation.sql".
struct migration_source {
  std::string name;
  std::string sql;
};

/// Every migration compiled into this binary, in file-name order.
const std::vector<migration_source>& embedded_migrations();

} // namespace switchboard::persistence
