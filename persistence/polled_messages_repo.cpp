#include "persistence/polled_messages_repo.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <pqxx/pqxx>
#include <sodium.h>
#include <stdexcept>

#include "io/crypto/keyring.hpp"
#include "persistence/polling_rows.hpp"

namespace switchboard::persistence::polled_messages_repo {

namespace {

using namespace polling_detail;

constexpr size_t max_parameters = 65535;
constexpr size_t message_columns = 7;
constexpr size_t account_columns_in_update = 5;

// Results of one account in one batch become one result.
std::vector<poll_result> merge(const std::vector<poll_result>& results) {
  std::map<std::string, poll_result> by_id;
  for (auto& r : results) {
    auto [i, fresh] = by_id.try_emplace(r.account_id, r);
    if (fresh) continue;
    auto& m = i->second;
    m.messages.insert(m.messages.end(), r.messages.begin(), r.messages.end());
    if (newer_cursor(r.cursor, m.cursor)) m.cursor = r.cursor;
    m.polled_at = std::max(m.polled_at, r.polled_at);
    m.next_poll_at = r.next_poll_at;
    if (r.current_interval_ms > 0)
      m.current_interval_ms = r.current_interval_ms;
  }
  std::vector<poll_result> out;
  out.reserve(by_id.size());
  for (auto& [id, r] : by_id)
    out.push_back(std::move(r));
  return out;
}

std::string placeholders(size_t rows, size_t columns, const char* row_format) {
  // row_format uses %N for the N-th column of a row (1-based, one digit).
  std::string sql;
  size_t param = 0;
  for (size_t row = 0; row < rows; ++row) {
    sql += row == 0 ? "(" : ", (";
    for (const char* p = row_format; *p != '\0'; ++p) {
      if (*p == '%') {
        sql += "$" + std::to_string(param + static_cast<size_t>(*++p - '0'));
      } else {
        sql += *p;
      }
    }
    sql += ")";
    param += columns;
  }
  return sql;
}

std::string hex_bytea(const std::string& bytes) {
  std::string hex(2 * bytes.size() + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(),
                 reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  hex.pop_back();
  return "\\x" + hex;
}

// Locks the accounts in id order (concurrent batches cannot deadlock) and
// returns the platform of each one that exists.
std::map<std::string, std::string>
lock_accounts(pqxx::work& tx, const std::vector<poll_result>& merged) {
  std::vector<std::string> ids;
  for (auto& r : merged)
    ids.push_back(r.account_id);
  auto rows = tx.exec_params(
      "SELECT a.id, a.platform FROM connected_accounts a JOIN (VALUES "
          + placeholders(ids.size(), 1, "%1::text")
          + ") AS v(id) ON a.id = v.id ORDER BY a.id FOR UPDATE OF a",
      pqxx::prepare::make_dynamic_params(ids));
  std::map<std::string, std::string> platforms;
  for (auto row : rows)
    platforms.emplace(row[0].as<std::string>(), row[1].as<std::string>());
  return platforms;
}

std::map<std::string, std::string>
update_accounts(pqxx::work& tx, const std::vector<poll_result>& found) {
  std::vector<std::string> params;
  for (auto& r : found) {
    params.push_back(r.account_id);
    params.push_back(r.cursor);
    params.push_back(std::to_string(to_epoch_us(r.polled_at)));
    params.push_back(std::to_string(to_epoch_us(r.next_poll_at)));
    params.push_back(std::to_string(r.current_interval_ms));
  }
  auto active = std::string{"a.status = 'active'"};
  auto rows = tx.exec_params(
      "UPDATE connected_accounts a SET cursor = "
          + newer_cursor_sql("v.cursor", "a.cursor")
          + ", last_polled_at = sb_from_epoch_us(v.polled_us),"
            " next_poll_at = CASE WHEN "
          + active
          + " THEN sb_from_epoch_us(v.next_us) ELSE a.next_poll_at END,"
            " current_interval_ms = CASE WHEN v.interval_ms > 0"
            " THEN v.interval_ms ELSE a.current_interval_ms END,"
            " last_error = CASE WHEN "
          + active + " THEN NULL"
          + " ELSE a.last_error END,"
            " consecutive_failures = CASE WHEN "
          + active
          + " THEN 0 ELSE a.consecutive_failures END, updated_at = now()"
            " FROM (VALUES "
          + placeholders(found.size(), account_columns_in_update,
                         "%1::text, %2::text, %3::bigint, %4::bigint, "
                         "%5::bigint")
          + ") AS v(id, cursor, polled_us, next_us, interval_ms)"
            " WHERE a.id = v.id RETURNING a.id, a.cursor",
      pqxx::prepare::make_dynamic_params(params));
  std::map<std::string, std::string> cursors;
  for (auto row : rows)
    cursors.emplace(row[0].as<std::string>(),
                    row[1].is_null() ? "" : row[1].as<std::string>());
  return cursors;
}

struct message_row {
  std::vector<std::string> text;
  std::vector<bool> null;
};

// The values of one message row, in the order of insert_sql's columns.
void add_message(message_row& out, const crypto::keyring& ring,
                 const poll_result& r, const std::string& platform,
                 const polled_message& m) {
  auto sent = m.sent_at ? *m.sent_at : r.polled_at;
  auto add = [&](std::string value, bool is_null) {
    out.text.push_back(std::move(value));
    out.null.push_back(is_null);
  };
  add(r.account_id, false);
  add(platform, false);
  add(m.platform_message_id, false);
  add(m.conversation_id, m.conversation_id.empty());
  add(m.sender, m.sender.empty());
  add(hex_bytea(ring.seal(m.body.value, body_context(r.account_id))), false);
  add(std::to_string(to_epoch_us(sent)), false);
}

std::map<std::string, uint32_t> insert_messages(pqxx::work& tx,
                                                const message_row& rows) {
  std::map<std::string, uint32_t> inserted;
  auto total = rows.text.size() / message_columns;
  auto chunk = max_parameters / message_columns;
  for (size_t first = 0; first < total; first += chunk) {
    auto count = std::min(chunk, total - first);
    std::vector<const char*> params;
    for (auto i = first * message_columns;
         i < (first + count) * message_columns; ++i)
      params.push_back(rows.null[i] ? nullptr : rows.text[i].c_str());
    auto result = tx.exec_params(
        "INSERT INTO messages (account_id, platform, platform_message_id,"
        " conversation_id, sender, content_enc, sent_at) VALUES "
            + placeholders(count, message_columns,
                           "%1, %2, %3, %4, %5, %6, sb_from_epoch_us(%7::"
                           "bigint)")
            + " ON CONFLICT (account_id, platform_message_id) DO NOTHING"
              " RETURNING account_id",
        pqxx::prepare::make_dynamic_params(params));
    for (auto row : result)
      ++inserted[row[0].as<std::string>()];
  }
  return inserted;
}

void require_message_ids(const std::vector<poll_result>& results) {
  for (auto& r : results)
    for (auto& m : r.messages)
      if (m.platform_message_id.empty())
        throw std::invalid_argument("a polled message has no platform id");
}

} // namespace

std::vector<poll_stored> record_polls(pqxx::connection_base& conn,
                                      const crypto::keyring& ring,
                                      const std::vector<poll_result>& results) {
  require_message_ids(results);
  auto merged = merge(results);
  if (merged.empty()) return {};
  pqxx::work tx{conn};
  auto platforms = lock_accounts(tx, merged);
  std::vector<poll_result> found;
  message_row rows;
  for (auto& r : merged) {
    auto i = platforms.find(r.account_id);
    if (i == platforms.end()) continue;
    found.push_back(r);
    for (auto& m : r.messages)
      add_message(rows, ring, r, i->second, m);
  }
  std::map<std::string, std::string> cursors;
  std::map<std::string, uint32_t> inserted;
  if (!found.empty()) {
    cursors = update_accounts(tx, found);
    inserted = insert_messages(tx, rows);
  }
  tx.commit();
  std::vector<poll_stored> out;
  for (auto& r : merged) {
    poll_stored s;
    s.account_id = r.account_id;
    s.found = platforms.count(r.account_id) > 0;
    if (s.found) {
      s.inserted = inserted[r.account_id];
      s.duplicates = static_cast<uint32_t>(r.messages.size()) - s.inserted;
      s.cursor = cursors[r.account_id];
    }
    out.push_back(std::move(s));
  }
  return out;
}

} // namespace switchboard::persistence::polled_messages_repo
