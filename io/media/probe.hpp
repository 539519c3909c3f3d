#pragma once

// What ffprobe says about a media file: container, duration and streams.
// parse_probe is pure (tested with sample output); probe_file runs ffprobe.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/media/tool_run.hpp"

namespace switchboard::io::media {

struct stream_info {
  /// "audio", "video", ...
  std::string type;
  /// ffmpeg's codec name: "h264", "aac", "mp3", ...
  std::string codec;
  int width = 0;
  int height = 0;
  int sample_rate = 0;
  int channels = 0;
};

struct media_info {
  /// ffmpeg's format name: "mov,mp4,m4a,3gp,3g2,mj2", "mp3", "wav", ...
  std::string format;
  double duration_s = 0;
  int64_t bit_rate = 0;
  std::vector<stream_info> streams;

  /// The first stream of `type`, or nullptr.
  const stream_info* first(std::string_view type) const;
};

/// Parses `ffprobe -print_format json -show_format -show_streams` output;
/// std::nullopt for text that is not such output.
std::optional<media_info> parse_probe(std::string_view json);

/// The result of probing a file: the info, or why there is none.
struct probe_result {
  std::optional<media_info> info;
  tool_result run;
};

/// Runs ffprobe on `input`, using `scratch` for its output (removed after).
probe_result probe_file(const std::string& ffprobe, const std::string& input,
                        const std::string& scratch,
                        std::chrono::milliseconds limit);

} // namespace switchboard::io::media
