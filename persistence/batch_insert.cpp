#include "persistence/batch_insert.hpp"

#include <algorithm>
#include <cctype>
#include <pqxx/pqxx>
#include <stdexcept>

namespace switchboard::persistence {

namespace {

constexpr std::size_t max_parameters = 65535;

bool is_plain_identifier(std::string_view part) {
  if (part.empty() || std::isdigit(static_cast<unsigned char>(part[0])))
    return false;
  return std::all_of(part.begin(), part.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string join(const std::vector<std::string>& xs) {
  std::string out;
  for (auto& x : xs) {
    if (!out.empty()) out += ", ";
    out += x;
  }
  return out;
}

// NULL for an empty optional; pqxx copies the text while binding.
std::vector<const char*> parameters(const std::vector<db_row>& rows,
                                    std::size_t first, std::size_t count) {
  std::vector<const char*> params;
  for (auto i = first; i < first + count; ++i)
    for (auto& value : rows[i].values)
      params.push_back(value ? value->c_str() : nullptr);
  return params;
}

} // namespace

bool is_sql_identifier(std::string_view name) {
  auto dot = name.find('.');
  if (dot == std::string_view::npos) return is_plain_identifier(name);
  return is_plain_identifier(name.substr(0, dot))
         && is_plain_identifier(name.substr(dot + 1));
}

void validate(const batch_spec& spec) {
  if (!is_sql_identifier(spec.table))
    throw std::invalid_argument("batch writer: bad table name");
  if (spec.columns.empty())
    throw std::invalid_argument("batch writer: no columns");
  for (auto& column : spec.columns)
    if (!is_plain_identifier(column))
      throw std::invalid_argument("batch writer: bad column name");
}

std::string batch_insert_sql(const batch_spec& spec, std::size_t rows) {
  std::string sql
      = "INSERT INTO " + spec.table + " (" + join(spec.columns) + ") VALUES ";
  std::size_t param = 0;
  for (std::size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (std::size_t col = 0; col < spec.columns.size(); ++col) {
      sql += col == 0 ? "$" : ", $";
      sql += std::to_string(++param);
    }
    sql += ")";
  }
  if (!spec.conflict_clause.empty()) sql += " " + spec.conflict_clause;
  return sql;
}

std::size_t rows_per_statement(std::size_t columns) {
  return std::max<std::size_t>(1, max_parameters
                                      / std::max<std::size_t>(1, columns));
}

db_batch_result write_batch(pqxx::connection_base& conn, const batch_spec& spec,
                            const std::vector<db_row>& rows) {
  auto chunk = rows_per_statement(spec.columns.size());
  std::size_t inserted = 0;
  pqxx::work tx{conn};
  for (std::size_t first = 0; first < rows.size(); first += chunk) {
    auto count = std::min(chunk, rows.size() - first);
    auto params = parameters(rows, first, count);
    auto result = tx.exec_params(batch_insert_sql(spec, count),
                                 pqxx::prepare::make_dynamic_params(params));
    inserted += result.affected_rows();
  }
  tx.commit();
  auto total = static_cast<uint32_t>(rows.size());
  auto done = static_cast<uint32_t>(inserted);
  return db_batch_result{total, done, total - std::min(total, done)};
}

} // namespace switchboard::persistence
