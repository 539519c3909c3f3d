#pragma once

// Keys of the media store: relative paths such as
// "uploads/7f3c/photo.jpg" or "processed/<message id>/image.jpg". A key is
// what the hub's tables hold (messages.media_key, media_url, thumbnail_url);
// the store maps it to a file. Pure.

#include <string>
#include <string_view>

namespace switchboard::io::media {

/// Whether `key` is a usable store key: 1 to 512 characters of
/// [A-Za-z0-9._-] in segments separated by single '/', no segment starting
/// with '.' (so no "..", and the store's own ".tmp" is unreachable), no
/// leading or trailing '/'.
bool is_valid_media_key(std::string_view key);

/// The key of a file a media job produced for a message, e.g.
/// processed_key("3f…", "thumb.jpg") == "processed/3f…/thumb.jpg".
std::string processed_key(std::string_view message_id, std::string_view name);

} // namespace switchboard::io::media
