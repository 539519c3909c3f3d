#pragma once

// The media queue's job handler (kinds image, audio, video; seed 002 "Media
// Processing Queue"). For each attempt it
//   1. checks the payload (media_payload.hpp): an unusable one fails the
//      job for good, naming the field;
//   2. runs the work on a thread of its own (io/media/media_pipeline.hpp
//      through actors/queues/blocking_handler): libvips for images, ffmpeg
//      with a time budget for audio and video; the outputs land in the media
//      store under processed/<message id>/;
//   3. stores the result on the message (persistence/media_repo.hpp) through
//      the database actor;
//   4. answers the pool: completed with {"media_url", "thumbnail_url",
//      "metadata"}; failed for good for inputs that can never work
//      (missing, too large, undecodable, no stream of the type) and for a
//      message that is gone; retry for timeouts, encoder, disk and database
//      failures.
// Every step is safe to repeat: outputs have fixed keys per message and the
// row update writes the same values.

#include <string>

#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

#include "config/config.hpp"
#include "messages/database.hpp"
#include "messages/queues.hpp"

namespace switchboard::media_jobs {

struct media_handler_options {
  media_settings settings;
  /// The media store's directory (io/media/store_location.hpp).
  std::string store_dir;
  /// How long storing the result may take.
  caf::timespan db_timeout = std::chrono::seconds(30);
};

/// The handler options of a configuration.
media_handler_options media_options(const config& cfg);

job_handler_actor spawn_media_handler(caf::actor_system& sys,
                                      media_handler_options opts,
                                      database_actor db);

} // namespace switchboard::media_jobs
