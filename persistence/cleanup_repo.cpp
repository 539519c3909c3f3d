// The deleting half of the cleanup repository: stories, messages, sessions,
// temporary files, prekeys.

#include "persistence/cleanup_repo.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <set>

namespace switchboard::persistence::cleanup_repo {

namespace {

// A data-modifying WITH cannot see its own deletes, so references are
// checked in a second statement of the same transaction.
const std::string purge_stories_sql = R"sql(
DELETE FROM stories WHERE id IN (
  SELECT id FROM stories WHERE created_at < now() - $1 * interval '1 second'
  ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
RETURNING media_key, media_url, thumbnail_url
)sql";

const std::string purge_messages_sql = R"sql(
DELETE FROM messages WHERE id IN (
  SELECT id FROM messages WHERE created_at < now() - $1 * interval '1 second'
  ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
RETURNING media_key, media_url, thumbnail_url
)sql";

const char* const unreferenced_sql = R"sql(
SELECT k FROM jsonb_array_elements_text($1::jsonb) AS k
WHERE NOT EXISTS (SELECT 1 FROM messages m
                  WHERE m.media_key = k OR m.media_url = k
                     OR m.thumbnail_url = k)
  AND NOT EXISTS (SELECT 1 FROM stories s
                  WHERE s.media_key = k OR s.media_url = k
                     OR s.thumbnail_url = k)
)sql";

const char* const purge_sessions_sql = R"sql(
DELETE FROM user_sessions WHERE id IN (
  SELECT id FROM user_sessions
  WHERE coalesce(last_active_at, created_at) < now() - $1 * interval '1 second'
  LIMIT $2 FOR UPDATE SKIP LOCKED)
)sql";

// Keyset over id: rows whose file was refused or failed stay, and must not
// be picked again in the same run.
const char* const old_temp_files_sql = R"sql(
SELECT id::text, file_path FROM temporary_files
WHERE created_at < now() - $1 * interval '1 second' AND id > $3::uuid
ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
)sql";

const char* const delete_temp_files_sql = R"sql(
DELETE FROM temporary_files
WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::uuid)
)sql";

const char* const purge_used_prekeys_sql = R"sql(
DELETE FROM user_prekeys WHERE id IN (
  SELECT id FROM user_prekeys
  WHERE used_at < now() - $1 * interval '1 second'
  LIMIT $2 FOR UPDATE SKIP LOCKED)
)sql";

const char* const purge_old_prekeys_sql = R"sql(
DELETE FROM user_prekeys WHERE id IN (
  SELECT id FROM user_prekeys
  WHERE used_at IS NULL AND created_at < now() - $1 * interval '1 second'
  LIMIT $2 FOR UPDATE SKIP LOCKED)
)sql";

const char* const users_low_sql = R"sql(
SELECT count(*) FROM (
  SELECT user_id FROM user_prekeys GROUP BY user_id
  HAVING count(*) FILTER (WHERE used_at IS NULL) < $1) AS low
)sql";

const char* const close_stale_sql = R"sql(
UPDATE user_sessions SET is_active = false
WHERE is_active
  AND coalesce(last_active_at, created_at) < now() - $1 * interval '1 second'
)sql";

const char* const nil_uuid = "00000000-0000-0000-0000-000000000000";

std::string json_array(const std::vector<std::string>& xs) {
  return nlohmann::json(xs).dump();
}

// Deletes until a batch comes back short; returns the rows deleted.
int64_t delete_in_batches(pqxx::connection_base& conn, const char* sql,
                          seconds age, uint32_t batch) {
  int64_t total = 0;
  for (;;) {
    pqxx::work tx{conn};
    auto n = tx.exec_params(sql, age.count(), batch).affected_rows();
    tx.commit();
    total += static_cast<int64_t>(n);
    if (n < batch) return total;
  }
}

std::vector<std::string> keys_of(const pqxx::result& rows) {
  std::set<std::string> keys;
  for (auto row : rows)
    for (auto field : row)
      if (!field.is_null() && !field.as<std::string>().empty())
        keys.insert(field.as<std::string>());
  return {keys.begin(), keys.end()};
}

// One batch of rows with media: delete, find the keys nobody uses any
// more, commit, then remove those files. Returns the rows deleted.
size_t purge_batch(pqxx::connection_base& conn, const std::string& sql,
                   seconds age, uint32_t batch, const file_remover& remove,
                   purge_counts& counts) {
  pqxx::work tx{conn};
  auto rows = tx.exec_params(sql, age.count(), batch);
  auto keys = keys_of(rows);
  std::vector<std::string> unused;
  if (!keys.empty())
    for (auto row : tx.exec_params(unreferenced_sql, json_array(keys)))
      unused.push_back(row[0].as<std::string>());
  tx.commit();
  counts.rows += static_cast<int64_t>(rows.affected_rows());
  counts.files_shared += static_cast<int64_t>(keys.size() - unused.size());
  for (const auto& key : unused)
    counts.count(remove(key));
  return rows.affected_rows();
}

purge_counts purge_with_media(pqxx::connection_base& conn,
                              const std::string& sql, seconds age,
                              uint32_t batch, const file_remover& remove) {
  purge_counts counts;
  while (purge_batch(conn, sql, age, batch, remove, counts) >= batch) {
  }
  return counts;
}

// One batch of temporary files; returns the rows looked at and moves
// `after` past them.
size_t temp_files_batch(pqxx::connection_base& conn, seconds age,
                        uint32_t batch, const file_remover& remove,
                        std::string& after, purge_counts& counts) {
  pqxx::work tx{conn};
  auto rows = tx.exec_params(old_temp_files_sql, age.count(), batch, after);
  std::vector<std::string> gone;
  for (auto row : rows) {
    after = row[0].as<std::string>();
    auto r = remove(row[1].as<std::string>());
    counts.count(r);
    if (r == file_removal::removed || r == file_removal::missing)
      gone.push_back(after);
  }
  if (!gone.empty())
    counts.rows += static_cast<int64_t>(
        tx.exec_params(delete_temp_files_sql, json_array(gone))
            .affected_rows());
  tx.commit();
  return rows.size();
}

} // namespace

void purge_counts::count(file_removal r) {
  switch (r) {
  case file_removal::removed: ++files_removed; break;
  case file_removal::missing: ++files_missing; break;
  case file_removal::refused: ++files_refused; break;
  case file_removal::failed: ++files_failed; break;
  }
}

purge_counts purge_stories(pqxx::connection_base& conn, seconds age,
                           uint32_t batch, const file_remover& remove) {
  return purge_with_media(conn, purge_stories_sql, age, batch, remove);
}

purge_counts purge_messages(pqxx::connection_base& conn, seconds age,
                            uint32_t batch, const file_remover& remove) {
  return purge_with_media(conn, purge_messages_sql, age, batch, remove);
}

int64_t purge_sessions(pqxx::connection_base& conn, seconds age,
                       uint32_t batch) {
  return delete_in_batches(conn, purge_sessions_sql, age, batch);
}

purge_counts purge_temp_files(pqxx::connection_base& conn, seconds age,
                              uint32_t batch, const file_remover& remove) {
  purge_counts counts;
  std::string after = nil_uuid;
  while (temp_files_batch(conn, age, batch, remove, after, counts) >= batch) {
  }
  return counts;
}

prekey_counts rotate_prekeys(pqxx::connection_base& conn, seconds used_age,
                             seconds unused_age, uint32_t min_unused,
                             uint32_t batch) {
  prekey_counts result;
  result.used_deleted
      = delete_in_batches(conn, purge_used_prekeys_sql, used_age, batch);
  result.expired_deleted
      = delete_in_batches(conn, purge_old_prekeys_sql, unused_age, batch);
  pqxx::read_transaction tx{conn};
  result.users_low
      = tx.exec_params1(users_low_sql, min_unused)[0].as<int64_t>();
  return result;
}

int64_t close_stale_sessions(pqxx::connection_base& conn, seconds age) {
  pqxx::work tx{conn};
  auto n = tx.exec_params(close_stale_sql, age.count()).affected_rows();
  tx.commit();
  return static_cast<int64_t>(n);
}

std::vector<std::string>
unreferenced_keys(pqxx::connection_base& conn,
                  const std::vector<std::string>& keys) {
  if (keys.empty()) return {};
  pqxx::read_transaction tx{conn};
  std::vector<std::string> result;
  for (auto row : tx.exec_params(unreferenced_sql, json_array(keys)))
    result.push_back(row[0].as<std::string>());
  return result;
}

} // namespace switchboard::persistence::cleanup_repo
