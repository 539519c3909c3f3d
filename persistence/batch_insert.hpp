#pragma once

// One batch of a batching writer as SQL: a multi-row INSERT with bound text
// parameters (PostgreSQL casts them to the column types), written in one
// transaction. Building the statement is pure and tested on its own.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "messages/database.hpp"

namespace switchboard::persistence {

/// The fixed parts of a writer's statement.
struct batch_spec {
  /// Table, optionally schema-qualified ("public.messages").
  std::string table;
  std::vector<std::string> columns;
  /// Appended verbatim, e.g. "ON CONFLICT (platform, id) DO NOTHING".
  std::string conflict_clause;
};

/// Whether `name` is a plain or schema-qualified identifier of
/// [A-Za-z_][A-Za-z0-9_]* parts: table and column names are spliced into the
/// statement, so nothing else is accepted.
bool is_sql_identifier(std::string_view name);

/// Throws std::invalid_argument unless the table and every column are
/// identifiers and there is at least one column.
void validate(const batch_spec& spec);

/// INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) <conflict clause>
std::string batch_insert_sql(const batch_spec& spec, std::size_t rows);

/// How many rows fit in one statement (PostgreSQL binds at most 65535
/// parameters).
std::size_t rows_per_statement(std::size_t columns);

} // namespace switchboard::persistence

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::persistence {

/// Inserts `rows` in one transaction (several statements if the rows exceed
/// one statement's parameters) and counts inserted and skipped rows.
db_batch_result write_batch(pqxx::connection_base& conn, const batch_spec& spec,
                            const std::vector<db_row>& rows);

} // namespace switchboard::persistence
