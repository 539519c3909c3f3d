#include "persistence/media_repo.hpp"

#include <pqxx/pqxx>

namespace switchboard::persistence::media_repo {

namespace {

const char* const store_sql = R"sql(
UPDATE messages
SET media_key = $2, media_url = $3, thumbnail_url = NULLIF($4, ''),
    media_metadata = $5::jsonb, updated_at = now()
WHERE id = $1::uuid AND deleted_at IS NULL
)sql";

} // namespace

bool store_result(pqxx::connection_base& conn, const media_update& x) {
  pqxx::work tx{conn};
  auto rows = tx.exec_params(store_sql, x.message_id, x.source_key, x.media_url,
                             x.thumbnail_url, x.metadata_json);
  tx.commit();
  return rows.affected_rows() == 1;
}

} // namespace switchboard::persistence::media_repo
