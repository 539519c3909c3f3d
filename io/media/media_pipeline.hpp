#pragma once

// The media jobs' work (seed 002 "Media Processing Queue"): read an upload
// from the media store, produce the web versions and measure them. Blocking
// (libvips, ffmpeg child processes): run from a thread of its own
// (actors/queues/blocking_handler).
//
// Promises:
// - Outputs are written to scratch files and committed into the store only
//   when everything succeeded; a failed or timed-out run leaves no file.
// - Outputs have fixed keys per message (processed/<message id>/...), so
//   running a job again replaces them: safe to repeat.
// - The ffmpeg and ffprobe runs of one job together get the type's time
//   budget (media.audio_timeout_ms, media.video_timeout_ms); a run past it
//   is killed.
// - Failures throw media_error: permanent() for inputs that will never work
//   (missing, too large, not decodable, no audio/video stream), otherwise a
//   failure worth retrying (timeout, disk, encoder).

#include <stdexcept>
#include <string>

#include "config/config.hpp"
#include "io/media/directory_store.hpp"

namespace switchboard::io::media {

/// One media job: the seed's payload, checked.
struct media_spec {
  /// "image", "audio" or "video".
  std::string type;
  /// The upload in the media store (the seed's s3Key).
  std::string source_key;
  /// The message the media belongs to (a UUID).
  std::string message_id;
};

/// What a job produced.
struct processed_media {
  /// Store keys of the web version and of its thumbnail or poster (empty
  /// for audio).
  std::string media_key;
  std::string thumbnail_key;
  /// JSON object: what was measured (dimensions, duration, codecs,
  /// waveform, ...), stored as messages.media_metadata.
  std::string metadata_json;
};

class media_error : public std::runtime_error {
 public:
  media_error(const std::string& what, bool permanent)
      : std::runtime_error(what), permanent_(permanent) {
  }

  bool permanent() const {
    return permanent_;
  }

 private:
  bool permanent_;
};

processed_media process_image(const media_spec& spec,
                              const media_settings& settings,
                              const directory_store& store);

processed_media process_audio(const media_spec& spec,
                              const media_settings& settings,
                              const directory_store& store);

processed_media process_video(const media_spec& spec,
                              const media_settings& settings,
                              const directory_store& store);

/// Dispatches on spec.type (throws a permanent media_error for another).
processed_media process_media(const media_spec& spec,
                              const media_settings& settings,
                              const directory_store& store);

} // namespace switchboard::io::media
