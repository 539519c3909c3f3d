#include "persistence/polling_rows.hpp"

#include <cctype>
#include <pqxx/pqxx>

namespace switchboard::persistence::polling_detail {

const char* const account_columns
    = "a.id, a.platform, a.user_id, a.status, a.poll_interval_ms, a.adaptive,"
      " a.current_interval_ms, a.cursor, sb_epoch_us(a.last_polled_at),"
      " sb_epoch_us(a.next_poll_at), a.last_error, a.consecutive_failures,"
      " sb_epoch_us(a.connected_at), sb_epoch_us(a.created_at),"
      " sb_epoch_us(a.updated_at)";

connected_account to_account(const pqxx::row& row, size_t first) {
  auto at = [&](size_t i) {
    return row[static_cast<int>(first + i)];
  };
  connected_account x;
  x.id = at(0).as<std::string>();
  x.platform = at(1).as<std::string>();
  x.user_id = at(2).as<std::string>();
  x.status = at(3).as<std::string>();
  x.poll_interval_ms = at(4).as<int64_t>();
  x.adaptive = at(5).as<bool>();
  x.current_interval_ms = at(6).as<int64_t>();
  x.cursor = text_of(at(7));
  x.last_polled_at = maybe_time(at(8));
  x.next_poll_at = maybe_time(at(9));
  x.last_error = text_of(at(10));
  x.consecutive_failures = at(11).as<int32_t>();
  x.connected_at = from_epoch_us(at(12).as<int64_t>());
  x.created_at = from_epoch_us(at(13).as<int64_t>());
  x.updated_at = from_epoch_us(at(14).as<int64_t>());
  return x;
}

const char* const failure_columns
    = "f.id::text, f.account_id, f.platform, f.error_kind, f.error,"
      " f.attempts, sb_epoch_us(f.failed_at), sb_epoch_us(f.retried_at)";

poll_failure to_failure(const pqxx::row& row, size_t first) {
  auto at = [&](size_t i) {
    return row[static_cast<int>(first + i)];
  };
  poll_failure x;
  x.id = at(0).as<std::string>();
  x.account_id = at(1).as<std::string>();
  x.platform = at(2).as<std::string>();
  x.error_kind = at(3).as<std::string>();
  x.error = at(4).as<std::string>();
  x.attempts = at(5).as<int32_t>();
  x.failed_at = from_epoch_us(at(6).as<int64_t>());
  x.retried_at = maybe_time(at(7));
  return x;
}

std::string bytes_of(const pqxx::field& f) {
  return pqxx::binarystring{f}.str();
}

bool newer_cursor(const std::string& candidate, const std::string& current) {
  if (candidate.empty()) return false;
  if (current.empty()) return true;
  if (candidate.size() != current.size())
    return candidate.size() > current.size();
  return candidate > current;
}

std::string newer_cursor_sql(const std::string& candidate,
                             const std::string& current) {
  const auto& c = candidate;
  const auto& k = current;
  return "CASE WHEN coalesce(" + c + ", '') = '' THEN " + k + " WHEN " + k
         + " IS NULL OR length(" + c + ") > length(" + k + ") OR (length(" + c
         + ") = length(" + k + ") AND " + c + " COLLATE \"C\" > " + k
         + " COLLATE \"C\") THEN " + c + " ELSE " + k + " END";
}

std::string token_context(const std::string& account_id) {
  return "token:" + account_id;
}

std::string body_context(const std::string& account_id) {
  return "message:" + account_id;
}

} // namespace switchboard::persistence::polling_detail
