#include "io/media/ffmpeg_args.hpp"

#include <cstdio>

namespace switchboard::io::media {

namespace {

argv_t ffmpeg_prefix(const std::string& ffmpeg, const std::string& input) {
  return {ffmpeg,  "-nostdin", "-hide_banner", "-loglevel",
          "error", "-y",       "-i",           input};
}

std::string seconds(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3f", x < 0 ? 0.0 : x);
  return buf;
}

} // namespace

argv_t probe_args(const std::string& ffprobe, const std::string& input,
                  const std::string& json_out) {
  return {ffprobe,  "-v",           "error",         "-print_format",
          "json",   "-show_format", "-show_streams", "-o",
          json_out, input};
}

argv_t mp3_args(const std::string& ffmpeg, const std::string& input,
                const std::string& output, uint32_t bitrate_kbps) {
  auto args = ffmpeg_prefix(ffmpeg, input);
  args.insert(args.end(),
              {"-vn", "-map", "0:a:0", "-codec:a", "libmp3lame", "-b:a",
               std::to_string(bitrate_kbps) + "k", "-f", "mp3", output});
  return args;
}

argv_t pcm_args(const std::string& ffmpeg, const std::string& input,
                const std::string& output, uint32_t sample_rate) {
  auto args = ffmpeg_prefix(ffmpeg, input);
  args.insert(args.end(), {"-vn", "-map", "0:a:0", "-ac", "1", "-ar",
                           std::to_string(sample_rate), "-f", "s16le",
                           "-codec:a", "pcm_s16le", output});
  return args;
}

std::string fit_scale_filter(uint32_t max_side) {
  auto m = std::to_string(max_side);
  // The longer side becomes min(side, max) rounded down to even; -2 makes
  // the other side follow the aspect ratio, also even.
  return "scale=w='if(gte(iw,ih),trunc(min(iw," + m
         + ")/2)*2,-2)':h='if(gte(iw,ih),-2,trunc(min(ih," + m + ")/2)*2)'";
}

argv_t h264_args(const std::string& ffmpeg, const std::string& input,
                 const std::string& output, uint32_t max_side, uint32_t crf) {
  auto args = ffmpeg_prefix(ffmpeg, input);
  args.insert(args.end(),
              {"-map",      "0:v:0",      "-map",
               "0:a:0?",    "-vf",        fit_scale_filter(max_side),
               "-codec:v",  "libx264",    "-preset",
               "veryfast",  "-crf",       std::to_string(crf),
               "-pix_fmt",  "yuv420p",    "-codec:a",
               "aac",       "-b:a",       "128k",
               "-movflags", "+faststart", "-f",
               "mp4",       output});
  return args;
}

argv_t frame_args(const std::string& ffmpeg, const std::string& input,
                  const std::string& output, double at_seconds) {
  return {ffmpeg,      "-nostdin", "-hide_banner", "-loglevel",
          "error",     "-y",       "-ss",          seconds(at_seconds),
          "-i",        input,      "-map",         "0:v:0",
          "-frames:v", "1",        "-f",           "image2",
          "-codec:v",  "png",      output};
}

} // namespace switchboard::io::media
