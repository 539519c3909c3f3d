#include "persistence/poll_notes_repo.hpp"

#include <algorithm>
#include <map>
#include <pqxx/pqxx>

#include "persistence/polling_rows.hpp"

namespace switchboard::persistence::poll_notes_repo {

namespace {

using namespace polling_detail;

constexpr size_t max_parameters = 65535;

/// "($1::text, $2::bigint), ($3::text, $4::bigint), ..." for `rows` rows of
/// the given column types.
std::string values_list(size_t rows, const std::vector<const char*>& types) {
  std::string sql;
  size_t param = 0;
  for (size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (size_t col = 0; col < types.size(); ++col) {
      if (col > 0) sql += ", ";
      sql += "$" + std::to_string(++param) + "::" + types[col];
    }
    sql += ")";
  }
  return sql;
}

/// Runs `sql_of(rows)` over `params` (types.size() per row), in chunks that
/// stay under the parameter limit; returns the rows affected.
template <class SqlOf>
size_t exec_chunked(pqxx::work& tx, const std::vector<std::string>& params,
                    const std::vector<const char*>& types, SqlOf sql_of) {
  size_t affected = 0;
  auto columns = types.size();
  auto total = params.size() / columns;
  auto chunk = max_parameters / columns;
  for (size_t first = 0; first < total; first += chunk) {
    auto count = std::min(chunk, total - first);
    std::vector<std::string> part(params.begin() + first * columns,
                                  params.begin() + (first + count) * columns);
    auto result = tx.exec_params(sql_of(values_list(count, types)),
                                 pqxx::prepare::make_dynamic_params(part));
    affected += result.affected_rows();
  }
  return affected;
}

struct account_errors {
  /// The newest note's error and next poll.
  std::string error;
  int64_t next_us = 0;
  int32_t count = 0;
};

void update_accounts(pqxx::work& tx, const std::vector<poll_note>& notes) {
  // By id: one row per account, and rows locked in id order like
  // polled_messages_repo's batches.
  std::map<std::string, account_errors> by_id;
  for (auto& n : notes) {
    auto& e = by_id[n.account_id];
    e.error = n.error;
    e.next_us = to_epoch_us(n.next_poll_at);
    ++e.count;
  }
  std::vector<std::string> params;
  params.reserve(by_id.size() * 4);
  for (auto& [id, e] : by_id) {
    params.push_back(id);
    params.push_back(e.error);
    params.push_back(std::to_string(e.next_us));
    params.push_back(std::to_string(e.count));
  }
  exec_chunked(tx, params, {"text", "text", "bigint", "int"},
               [](const std::string& values) {
                 return "UPDATE connected_accounts a SET last_error = v.error,"
                        " next_poll_at = sb_from_epoch_us(v.next_us),"
                        " consecutive_failures = a.consecutive_failures + v.n,"
                        " updated_at = now() FROM (VALUES "
                        + values
                        + ") AS v(id, error, next_us, n)"
                          " WHERE a.id = v.id AND a.status = 'active'";
               });
}

size_t insert_failures(pqxx::work& tx, const std::vector<poll_note>& notes) {
  std::vector<std::string> params;
  size_t ord = 0;
  for (auto& n : notes) {
    if (!n.failed) continue;
    params.push_back(n.account_id);
    params.push_back(n.error_kind);
    params.push_back(n.error);
    params.push_back(std::to_string(std::max(n.attempts, 0)));
    params.push_back(std::to_string(ord++));
  }
  if (params.empty()) return 0;
  return exec_chunked(
      tx, params, {"text", "text", "text", "int", "int"},
      [](const std::string& values) {
        return "INSERT INTO poll_failures"
               " (account_id, platform, error_kind, error, attempts)"
               " SELECT a.id, a.platform, v.kind, v.error, v.attempts"
               " FROM (VALUES "
               + values
               + ") AS v(id, kind, error, attempts, ord)"
                 " JOIN connected_accounts a ON a.id = v.id ORDER BY v.ord";
      });
}

} // namespace

size_t record(pqxx::connection_base& conn,
              const std::vector<poll_note>& notes) {
  if (notes.empty()) return 0;
  pqxx::work tx{conn};
  auto inserted = insert_failures(tx, notes);
  update_accounts(tx, notes);
  tx.commit();
  return inserted;
}

} // namespace switchboard::persistence::poll_notes_repo
