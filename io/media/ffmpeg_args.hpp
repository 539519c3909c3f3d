#pragma once

// The command lines of the media jobs' ffmpeg and ffprobe runs. Pure: each
// returns argv (argv[0] the program) for io/media/tool_run. Every ffmpeg
// command reads no stdin, logs errors only and overwrites its output.

#include <cstdint>
#include <string>
#include <vector>

namespace switchboard::io::media {

using argv_t = std::vector<std::string>;

/// ffprobe writing format and streams of `input` as JSON to `json_out`.
argv_t probe_args(const std::string& ffprobe, const std::string& input,
                  const std::string& json_out);

/// Audio to MP3 (libmp3lame, constant bit rate), video streams dropped.
argv_t mp3_args(const std::string& ffmpeg, const std::string& input,
                const std::string& output, uint32_t bitrate_kbps);

/// Audio decoded to raw signed 16-bit little-endian mono PCM at
/// `sample_rate`, for the waveform.
argv_t pcm_args(const std::string& ffmpeg, const std::string& input,
                const std::string& output, uint32_t sample_rate);

/// Video to a web-optimised MP4: H.264 (yuv420p, `crf`) scaled down to fit
/// `max_side`, AAC audio when the input has any, the index (moov) at the
/// front (+faststart) so playback starts before the download ends.
argv_t h264_args(const std::string& ffmpeg, const std::string& input,
                 const std::string& output, uint32_t max_side, uint32_t crf);

/// One frame at `at_seconds` as a PNG (the poster, thumbnailed afterwards).
argv_t frame_args(const std::string& ffmpeg, const std::string& input,
                  const std::string& output, double at_seconds);

/// The scale filter that fits a frame into max_side x max_side, never
/// enlarging, keeping the aspect ratio and even dimensions (H.264 with
/// yuv420p needs them).
std::string fit_scale_filter(uint32_t max_side);

} // namespace switchboard::io::media
