// Videos: H.264/AAC MP4 with the index in front (plays while it downloads)
// and a poster image, the first second's frame as a thumbnail.

#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/media/image_ops.hpp"
#include "io/media/media_key.hpp"
#include "io/media/media_pipeline.hpp"
#include "io/media/pipeline_support.hpp"
#include "io/media/scratch_file.hpp"

namespace switchboard::io::media {

namespace {

using nlohmann::json;
using std::chrono::milliseconds;

// The frame at 1 s (or mid-way through a shorter video) skips the black
// or fading first frame most videos start with.
double poster_time(double duration_s) {
  return std::min(1.0, duration_s / 2);
}

image_info write_poster(const std::string& video, double duration_s,
                        const scratch_file& poster,
                        const media_settings& settings,
                        const directory_store& store,
                        const tool_budget& budget) {
  scratch_file frame{store.scratch_path(".png")};
  run_stage("ffmpeg poster",
            frame_args(settings.ffmpeg_path, video, frame.path(),
                       poster_time(duration_s)),
            store, budget);
  try {
    return write_fitted(frame.path(), poster.path(),
                        static_cast<int>(settings.thumbnail_size),
                        {"jpeg", static_cast<int>(settings.quality)});
  } catch (const image_error& e) {
    throw media_error(std::string{"poster: "} + e.what(), false);
  }
}

json video_json(const media_info& info, uint64_t bytes) {
  const auto* video = info.first("video");
  const auto* audio = info.first("audio");
  return {{"duration_s", info.duration_s},
          {"width", video ? video->width : 0},
          {"height", video ? video->height : 0},
          {"video_codec", video ? video->codec : ""},
          {"audio_codec", audio ? json(audio->codec) : json(nullptr)},
          {"bit_rate", info.bit_rate},
          {"bytes", bytes}};
}

} // namespace

processed_media process_video(const media_spec& spec,
                              const media_settings& settings,
                              const directory_store& store) {
  auto src = source_path(spec, settings, store);
  tool_budget budget{milliseconds{settings.video_timeout_ms}};
  auto input = probe_stage(src, "input", settings, store, budget);
  if (!input.first("video"))
    throw media_error("input has no video stream", true);
  scratch_file mp4{store.scratch_path(".mp4")};
  run_stage("ffmpeg transcode",
            h264_args(settings.ffmpeg_path, src, mp4.path(),
                      settings.video_max_dimension, settings.video_crf),
            store, budget);
  auto output = probe_stage(mp4.path(), "output", settings, store, budget);
  scratch_file poster{store.scratch_path(".jpg")};
  auto small = write_poster(mp4.path(), output.duration_s, poster, settings,
                            store, budget);
  auto meta = video_json(output, file_bytes(mp4.path()));
  meta["type"] = "video";
  meta["format"] = "mp4";
  meta["faststart"] = true;
  meta["poster"] = {{"width", small.width}, {"height", small.height}};
  meta["source"] = video_json(input, file_bytes(src));
  meta["source"]["format"] = input.format;
  processed_media result{processed_key(spec.message_id, "video.mp4"),
                         processed_key(spec.message_id, "poster.jpg"),
                         meta.dump()};
  store.commit(mp4.path(), result.media_key);
  mp4.release();
  store.commit(poster.path(), result.thumbnail_key);
  poster.release();
  return result;
}

} // namespace switchboard::io::media
