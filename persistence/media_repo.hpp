#pragma once

// What the media jobs write: the processed media of a message
// (messages.media_key, media_url, thumbnail_url, media_metadata; migration
// 0005_hub_tables.sql).
//
// Promises: one statement in its own transaction; every value a bound
// parameter; writing the same result again changes nothing but updated_at
// (safe to repeat). Database errors propagate as pqxx exceptions.

#include <string>

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::persistence::media_repo {

/// A media job's result for one message.
struct media_update {
  /// A UUID.
  std::string message_id;
  /// The upload the job read.
  std::string source_key;
  std::string media_url;
  /// Empty: NULL (audio has no thumbnail).
  std::string thumbnail_url;
  /// JSON object text.
  std::string metadata_json;
};

/// Stores `x` on its message unless the message is gone (missing or
/// soft-deleted); returns whether it was stored.
bool store_result(pqxx::connection_base& conn, const media_update& x);

} // namespace switchboard::persistence::media_repo
