#include "persistence/poll_failures_repo.hpp"

#include <pqxx/pqxx>
#include <stdexcept>

#include "persistence/polling_rows.hpp"

namespace switchboard::persistence::poll_failures_repo {

namespace {

using namespace polling_detail;

std::string returning_failure() {
  return std::string{" RETURNING "} + failure_columns;
}

} // namespace

std::optional<poll_failure> record(pqxx::connection_base& conn,
                                   const std::string& account_id,
                                   const std::string& error_kind,
                                   const std::string& error, int32_t attempts) {
  pqxx::work tx{conn};
  auto rows = tx.exec_params(
      "INSERT INTO poll_failures AS f"
      " (account_id, platform, error_kind, error, attempts)"
      " SELECT id, platform, $2, $3, $4 FROM connected_accounts WHERE id = $1"
          + returning_failure(),
      account_id, error_kind, error, std::max(attempts, 0));
  tx.commit();
  if (rows.empty()) return std::nullopt;
  return to_failure(rows[0]);
}

std::vector<poll_failure> list(pqxx::connection_base& conn, size_t limit) {
  pqxx::read_transaction tx{conn};
  auto rows = tx.exec_params(std::string{"SELECT "} + failure_columns
                                 + " FROM poll_failures f"
                                   " WHERE f.retried_at IS NULL"
                                   " ORDER BY f.failed_at DESC, f.id DESC"
                                   " LIMIT $1",
                             limit);
  std::vector<poll_failure> result;
  result.reserve(rows.size());
  for (auto row : rows)
    result.push_back(to_failure(row));
  return result;
}

size_t count_open(pqxx::connection_base& conn) {
  pqxx::read_transaction tx{conn};
  return tx
      .exec1("SELECT count(*) FROM poll_failures WHERE retried_at IS NULL")[0]
      .as<size_t>();
}

std::optional<poll_failure> retry(pqxx::connection_base& conn,
                                  const std::string& id) {
  auto n = parse_id(id);
  if (!n) return std::nullopt;
  pqxx::work tx{conn};
  auto rows = tx.exec_params("UPDATE poll_failures f SET retried_at = now()"
                             " WHERE f.id = $1 AND f.retried_at IS NULL"
                                 + returning_failure(),
                             *n);
  tx.commit();
  if (rows.empty()) return std::nullopt;
  return to_failure(rows[0]);
}

size_t clean(pqxx::connection_base& conn,
             std::chrono::milliseconds older_than) {
  if (older_than.count() < 0)
    throw std::invalid_argument("older_than is negative");
  pqxx::work tx{conn};
  auto result = tx.exec_params(
      "DELETE FROM poll_failures"
      " WHERE failed_at < now() - $1::bigint * interval '1 millisecond'",
      older_than.count());
  tx.commit();
  return static_cast<size_t>(result.affected_rows());
}

} // namespace switchboard::persistence::poll_failures_repo
