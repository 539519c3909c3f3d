// Reading polled messages back: an account's messages, newest first, in
// pages.

#include <cctype>
#include <pqxx/pqxx>
#include <stdexcept>

#include "io/crypto/keyring.hpp"
#include "persistence/polled_messages_repo.hpp"
#include "persistence/polling_rows.hpp"

namespace switchboard::persistence::polled_messages_repo {

namespace {

using namespace polling_detail;

// A page cursor is "<sent_at in epoch microseconds>.<message uuid>" of the
// last message of the previous page.
struct page_key {
  std::string sent_us;
  std::string id;
};

bool all_of(const std::string& s, int (*pred)(int)) {
  for (auto c : s)
    if (!pred(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

int is_uuid_char(int c) {
  return std::isxdigit(c) || c == '-';
}

page_key parse_cursor(const std::string& cursor) {
  auto dot = cursor.find('.');
  if (dot == std::string::npos || dot > 18)
    throw std::invalid_argument("malformed cursor");
  page_key key{cursor.substr(0, dot), cursor.substr(dot + 1)};
  if (!all_of(key.sent_us, ::isdigit) || key.id.size() != 36
      || !all_of(key.id, is_uuid_char))
    throw std::invalid_argument("malformed cursor");
  return key;
}

const char* const select_page
    = "SELECT m.id::text, m.platform, m.platform_message_id,"
      " m.conversation_id, m.sender, m.content_enc, sb_epoch_us(m.sent_at),"
      " sb_epoch_us(m.created_at) FROM messages m"
      " WHERE m.account_id = $1 AND m.deleted_at IS NULL"
      " AND ($2::bigint IS NULL"
      "      OR (m.sent_at, m.id) < (sb_from_epoch_us($2), $3::uuid))"
      " ORDER BY m.sent_at DESC, m.id DESC LIMIT $4";

stored_message to_message(const crypto::keyring& ring,
                          const std::string& account_id, const pqxx::row& row) {
  stored_message x;
  x.id = row[0].as<std::string>();
  x.account_id = account_id;
  x.platform = row[1].as<std::string>();
  x.platform_message_id = row[2].as<std::string>();
  x.conversation_id = row[3].is_null() ? "" : row[3].as<std::string>();
  x.sender = row[4].is_null() ? "" : row[4].as<std::string>();
  x.body.value = ring.open(bytes_of(row[5]), body_context(account_id));
  x.sent_at = from_epoch_us(row[6].as<int64_t>());
  x.received_at = from_epoch_us(row[7].as<int64_t>());
  return x;
}

std::string cursor_of(const stored_message& m) {
  return std::to_string(to_epoch_us(m.sent_at)) + "." + m.id;
}

} // namespace

message_page list(pqxx::connection_base& conn, const crypto::keyring& ring,
                  const std::string& account_id, const std::string& cursor,
                  size_t limit) {
  page_key key;
  if (!cursor.empty()) key = parse_cursor(cursor);
  if (limit == 0) return {};
  pqxx::read_transaction tx{conn};
  // One row more than asked says whether another page follows.
  auto rows
      = tx.exec_params(select_page, account_id,
                       key.sent_us.empty() ? nullptr : key.sent_us.c_str(),
                       key.id.empty() ? nullptr : key.id.c_str(), limit + 1);
  message_page page;
  for (auto row : rows) {
    if (page.messages.size() == limit) {
      page.next_cursor = cursor_of(page.messages.back());
      break;
    }
    page.messages.push_back(to_message(ring, account_id, row));
  }
  return page;
}

size_t count(pqxx::connection_base& conn, const std::string& account_id) {
  pqxx::read_transaction tx{conn};
  return tx
      .exec_params1("SELECT count(*) FROM messages WHERE account_id = $1",
                    account_id)[0]
      .as<size_t>();
}

} // namespace switchboard::persistence::polled_messages_repo
