#include "persistence/notifications_repo.hpp"

#include <chrono>
#include <date/date.h>
#include <optional>
#include <pqxx/pqxx>

namespace switchboard::persistence::notifications_repo {

namespace {

const char* const select_list
    = "SELECT job_id::text, attempt, user_id, type, COALESCE(title, ''),"
      " COALESCE(body, ''), COALESCE(recipient, ''), success,"
      " COALESCE(error_code, ''), COALESCE(error, ''),"
      " COALESCE(provider_message_id, ''), sb_epoch_us(started_at),"
      " sb_epoch_us(finished_at) FROM notifications ";

std::optional<std::string> text_or_null(const std::string& value) {
  if (value.empty()) return std::nullopt;
  return value;
}

// PostgreSQL parses ISO 8601 with an offset; microseconds are timestamptz's
// precision.
std::string timestamp_text(caf::timestamp t) {
  auto us = std::chrono::time_point_cast<std::chrono::microseconds>(t);
  return date::format("%F %T+00", us);
}

caf::timestamp time_of(const pqxx::field& f) {
  if (f.is_null()) return caf::timestamp{};
  return caf::timestamp{std::chrono::microseconds{f.as<int64_t>()}};
}

notification_attempt to_attempt(const pqxx::row& row) {
  notification_attempt x;
  x.job_id = row[0].is_null() ? "" : row[0].as<std::string>();
  x.attempt = row[1].as<int32_t>();
  x.user_id = row[2].as<std::string>();
  x.type = row[3].as<std::string>();
  x.title = row[4].as<std::string>();
  x.body = row[5].as<std::string>();
  x.recipient = row[6].as<std::string>();
  x.success = row[7].as<bool>();
  x.error_code = row[8].as<std::string>();
  x.error = row[9].as<std::string>();
  x.provider_message_id = row[10].as<std::string>();
  x.started_at = time_of(row[11]);
  x.finished_at = time_of(row[12]);
  return x;
}

std::vector<notification_attempt> to_attempts(const pqxx::result& rows) {
  std::vector<notification_attempt> out;
  out.reserve(rows.size());
  for (const auto& row : rows)
    out.push_back(to_attempt(row));
  return out;
}

bool is_digits(const std::string& text) {
  return !text.empty() && text.size() <= 18
         && text.find_first_not_of("0123456789") == std::string::npos;
}

} // namespace

const std::vector<std::string>& columns() {
  static const std::vector<std::string> names{"job_id",
                                              "attempt",
                                              "user_id",
                                              "type",
                                              "title",
                                              "body",
                                              "recipient",
                                              "success",
                                              "error_code",
                                              "error",
                                              "provider_message_id",
                                              "started_at",
                                              "finished_at"};
  return names;
}

db_row to_row(const notification_attempt& x) {
  db_row row;
  row.values = {text_or_null(x.job_id),
                std::to_string(x.attempt),
                x.user_id,
                x.type,
                x.title,
                x.body,
                x.recipient,
                std::string{x.success ? "true" : "false"},
                text_or_null(x.error_code),
                text_or_null(x.error),
                text_or_null(x.provider_message_id),
                timestamp_text(x.started_at),
                timestamp_text(x.finished_at)};
  return row;
}

batch_writer_options writer_options(database_actor db,
                                    const database_settings& settings) {
  batch_writer_options opts;
  opts.db = std::move(db);
  opts.table = "notifications";
  opts.columns = columns();
  opts.max_rows = settings.batch_max_rows;
  opts.max_delay = std::chrono::milliseconds(settings.batch_max_delay_ms);
  return opts;
}

std::vector<notification_attempt> for_job(pqxx::connection_base& conn,
                                          const std::string& job_id) {
  if (!is_digits(job_id)) return {};
  pqxx::read_transaction tx{conn};
  return to_attempts(
      tx.exec_params(std::string{select_list}
                         + "WHERE job_id = $1 ORDER BY attempt, created_at",
                     std::stoll(job_id)));
}

std::vector<notification_attempt> recent_for_user(pqxx::connection_base& conn,
                                                  const std::string& user_id,
                                                  std::size_t limit) {
  pqxx::read_transaction tx{conn};
  return to_attempts(tx.exec_params(
      std::string{select_list}
          + "WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2",
      user_id, static_cast<int64_t>(limit)));
}

} // namespace switchboard::persistence::notifications_repo
