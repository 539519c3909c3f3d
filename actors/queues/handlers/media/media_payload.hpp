#pragma once

// The media queue's payload (seed 002 "Media Jobs"):
//   {"type": "image" | "video" | "audio", "s3Key": "<store key>",
//    "userId": "...", "messageId": "<uuid>", "originalName": "..."}
// checked into a media_spec. Pure.

#include <string>
#include <string_view>
#include <variant>

#include "io/media/media_pipeline.hpp"

namespace switchboard::media_jobs {

/// Whether `text` is a UUID in its canonical 8-4-4-4-12 hex form.
bool is_uuid(std::string_view text);

/// The spec of a job of `kind` with `payload` (JSON text), or the reason it
/// is unusable ("payload.s3Key: not a valid media key", ...). The type is
/// the payload's `type`, else the job's kind; both must agree when both are
/// given. userId and originalName are not needed and not checked.
std::variant<io::media::media_spec, std::string>
parse_media_payload(const std::string& kind, const std::string& payload);

} // namespace switchboard::media_jobs
