#include "persistence/accounts_repo.hpp"

#include <algorithm>
#include <pqxx/pqxx>
#include <stdexcept>

#include "io/crypto/keyring.hpp"
#include "persistence/polling_rows.hpp"

namespace switchboard::persistence::accounts_repo {

namespace {

using namespace polling_detail;

bool is_platform(const std::string& p) {
  const auto& all = hub_platforms();
  return std::find(all.begin(), all.end(), p) != all.end();
}

void validate(const account_connection& x) {
  if (x.id.empty()) throw std::invalid_argument("account id is empty");
  if (!is_platform(x.platform))
    throw std::invalid_argument("unknown platform: " + x.platform);
  if (x.user_id.empty()) throw std::invalid_argument("user_id is empty");
  if (x.access_token.value.empty())
    throw std::invalid_argument("access_token is empty");
  if (x.poll_interval_ms < 0)
    throw std::invalid_argument("poll_interval_ms is negative");
}

std::string select_accounts(const char* where) {
  return std::string{"SELECT "} + account_columns
         + " FROM connected_accounts a WHERE " + where;
}

// Reconnecting keeps what the account learned (cursor, adaptive interval,
// a pending rate-limit reset) and clears what the new token makes moot.
const std::string connect_sql = std::string{R"sql(
INSERT INTO connected_accounts AS a
  (id, platform, user_id, access_token_enc, poll_interval_ms, adaptive,
   current_interval_ms)
VALUES ($1, $2, $3, $4, $5, $6, $5)
ON CONFLICT (id) DO UPDATE SET
  user_id = EXCLUDED.user_id,
  access_token_enc = EXCLUDED.access_token_enc,
  poll_interval_ms = EXCLUDED.poll_interval_ms,
  adaptive = EXCLUDED.adaptive,
  current_interval_ms = CASE WHEN a.adaptive AND EXCLUDED.adaptive
                             THEN a.current_interval_ms
                             ELSE EXCLUDED.poll_interval_ms END,
  cursor = CASE WHEN a.user_id = EXCLUDED.user_id THEN a.cursor END,
  status = 'active',
  connected_at = CASE WHEN a.status = 'active' THEN a.connected_at
                      ELSE now() END,
  last_error = CASE WHEN a.status = 'active' THEN a.last_error END,
  consecutive_failures = CASE WHEN a.status = 'active'
                              THEN a.consecutive_failures ELSE 0 END,
  updated_at = now()
WHERE a.platform = EXCLUDED.platform
RETURNING (xmax = 0), )sql"} + account_columns;

polling_account with_token(const crypto::keyring& ring, const pqxx::row& row) {
  polling_account x;
  x.account = to_account(row);
  x.access_token.value
      = ring.open(bytes_of(row[15]), token_context(x.account.id));
  return x;
}

// The active accounts of `platforms` after `after_id`, with their sealed
// tokens (column 15), in id order.
pqxx::result active_with_tokens(pqxx::connection_base& conn,
                                const std::vector<std::string>& platforms,
                                const std::string& after_id, size_t limit) {
  std::string names;
  for (auto& p : platforms) {
    if (!is_platform(p)) throw std::invalid_argument("unknown platform: " + p);
    names += names.empty() ? p : "," + p;
  }
  pqxx::read_transaction tx{conn};
  return tx.exec_params(std::string{"SELECT "} + account_columns
                            + ", a.access_token_enc FROM connected_accounts a"
                              " WHERE a.status = 'active'"
                              " AND a.platform = ANY(string_to_array($1, ','))"
                              " AND a.id > $2 ORDER BY a.id LIMIT $3",
                        names, after_id, limit);
}

} // namespace

bool is_account_status(const std::string& status) {
  for (auto s : {account_status::active, account_status::paused,
                 account_status::needs_reauth, account_status::disconnected})
    if (status == s) return true;
  return false;
}

connect_result connect(pqxx::connection_base& conn, const crypto::keyring& ring,
                       const account_connection& request,
                       std::chrono::milliseconds default_interval) {
  validate(request);
  auto interval = request.poll_interval_ms > 0 ? request.poll_interval_ms
                                               : default_interval.count();
  if (interval <= 0)
    throw std::invalid_argument("default poll interval is not positive");
  auto sealed
      = ring.seal(request.access_token.value, token_context(request.id));
  pqxx::work tx{conn};
  auto rows = tx.exec_params(connect_sql, request.id, request.platform,
                             request.user_id, pqxx::binarystring{sealed},
                             interval, request.adaptive);
  if (rows.empty()) {
    auto existing = tx.exec_params(select_accounts("a.id = $1"), request.id);
    tx.commit();
    return {connect_outcome::platform_conflict, to_account(existing.at(0))};
  }
  tx.commit();
  auto created = rows[0][0].as<bool>();
  return {created ? connect_outcome::created : connect_outcome::updated,
          to_account(rows[0], 1)};
}

bool disconnect(pqxx::connection_base& conn, const std::string& id) {
  pqxx::work tx{conn};
  auto result = tx.exec_params(
      "UPDATE connected_accounts SET status = 'disconnected',"
      " access_token_enc = ''::bytea, next_poll_at = NULL, updated_at = now()"
      " WHERE id = $1",
      id);
  tx.commit();
  return result.affected_rows() > 0;
}

std::optional<connected_account> get(pqxx::connection_base& conn,
                                     const std::string& id) {
  pqxx::read_transaction tx{conn};
  auto rows = tx.exec_params(select_accounts("a.id = $1"), id);
  if (rows.empty()) return std::nullopt;
  return to_account(rows[0]);
}

std::vector<connected_account> list(pqxx::connection_base& conn,
                                    const std::string& platform,
                                    const std::string& status,
                                    const std::string& after_id, size_t limit) {
  if (!status.empty() && !is_account_status(status))
    throw std::invalid_argument("unknown account status: " + status);
  pqxx::read_transaction tx{conn};
  // Empty filters bind NULL and match everything.
  auto rows = tx.exec_params(
      select_accounts("($1::text IS NULL OR a.platform = $1)"
                      " AND ($2::text IS NULL OR a.status = $2)"
                      " AND a.id > $3 ORDER BY a.id LIMIT $4"),
      platform.empty() ? nullptr : platform.c_str(),
      status.empty() ? nullptr : status.c_str(), after_id, limit);
  std::vector<connected_account> result;
  result.reserve(rows.size());
  for (auto row : rows)
    result.push_back(to_account(row));
  return result;
}

std::vector<polling_account>
load_polling(pqxx::connection_base& conn, const crypto::keyring& ring,
             const std::vector<std::string>& platforms,
             const std::string& after_id, size_t limit) {
  auto rows = active_with_tokens(conn, platforms, after_id, limit);
  std::vector<polling_account> result;
  result.reserve(rows.size());
  for (auto row : rows)
    result.push_back(with_token(ring, row));
  return result;
}

polling_page load_polling_page(pqxx::connection_base& conn,
                               const crypto::keyring& ring,
                               const std::vector<std::string>& platforms,
                               const std::string& after_id, size_t limit) {
  auto rows = active_with_tokens(conn, platforms, after_id, limit);
  polling_page page;
  page.accounts.reserve(rows.size());
  for (auto row : rows) {
    try {
      page.accounts.push_back(with_token(ring, row));
    } catch (const crypto::open_error&) {
      page.unreadable.push_back(row[0].as<std::string>());
    }
  }
  if (limit > 0 && rows.size() == limit)
    page.next_after = rows[rows.size() - 1][0].as<std::string>();
  return page;
}

std::optional<polling_account> get_polling(pqxx::connection_base& conn,
                                           const crypto::keyring& ring,
                                           const std::string& id) {
  pqxx::read_transaction tx{conn};
  auto rows
      = tx.exec_params(std::string{"SELECT "} + account_columns
                           + ", a.access_token_enc FROM connected_accounts a"
                             " WHERE a.id = $1 AND a.status = 'active'",
                       id);
  if (rows.empty()) return std::nullopt;
  return with_token(ring, rows[0]);
}

polling_load get_polling_or_park(pqxx::connection_base& conn,
                                 const crypto::keyring& ring,
                                 const std::string& id) {
  pqxx::result rows;
  {
    pqxx::read_transaction tx{conn};
    rows = tx.exec_params(std::string{"SELECT "} + account_columns
                              + ", a.access_token_enc FROM connected_accounts"
                                " a WHERE a.id = $1 AND a.status = 'active'",
                          id);
  }
  polling_load out;
  if (rows.empty()) return out;
  try {
    out.account = with_token(ring, rows[0]);
  } catch (const crypto::open_error& e) {
    // The reason names the key id or the damage, never a key or a token.
    out.parked = std::string{"token cannot be decrypted: "} + e.what();
    out.platform = rows[0][1].as<std::string>();
    mark_needs_reauth(conn, id, out.parked);
  }
  return out;
}

bool mark_needs_reauth(pqxx::connection_base& conn, const std::string& id,
                       const std::string& error) {
  pqxx::work tx{conn};
  auto result = tx.exec_params(
      "UPDATE connected_accounts SET status = 'needs_reauth',"
      " last_error = $2, next_poll_at = NULL,"
      " consecutive_failures = consecutive_failures + 1, updated_at = now()"
      " WHERE id = $1 AND status = 'active'",
      id, error);
  tx.commit();
  return result.affected_rows() > 0;
}

bool record_error(pqxx::connection_base& conn, const std::string& id,
                  const std::string& error, caf::timestamp next_poll_at) {
  pqxx::work tx{conn};
  auto result = tx.exec_params(
      "UPDATE connected_accounts SET last_error = $2,"
      " next_poll_at = sb_from_epoch_us($3),"
      " consecutive_failures = consecutive_failures + 1, updated_at = now()"
      " WHERE id = $1 AND status = 'active'",
      id, error, to_epoch_us(next_poll_at));
  tx.commit();
  return result.affected_rows() > 0;
}

} // namespace switchboard::persistence::accounts_repo
