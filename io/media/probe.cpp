#include "io/media/probe.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "io/media/ffmpeg_args.hpp"
#include "io/media/scratch_file.hpp"

namespace switchboard::io::media {

namespace {

using nlohmann::json;

// ffprobe prints most numbers as strings ("duration": "1.000000").
double number_of(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return 0;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) {
    try {
      return std::stod(it->get<std::string>());
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

std::string text_of(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : "";
}

stream_info to_stream(const json& s) {
  stream_info result;
  result.type = text_of(s, "codec_type");
  result.codec = text_of(s, "codec_name");
  result.width = static_cast<int>(number_of(s, "width"));
  result.height = static_cast<int>(number_of(s, "height"));
  result.sample_rate = static_cast<int>(number_of(s, "sample_rate"));
  result.channels = static_cast<int>(number_of(s, "channels"));
  return result;
}

std::string read_file(const std::string& path) {
  std::ifstream in{path, std::ios::binary};
  return std::string{std::istreambuf_iterator<char>{in}, {}};
}

} // namespace

const stream_info* media_info::first(std::string_view type) const {
  for (const auto& s : streams)
    if (s.type == type) return &s;
  return nullptr;
}

std::optional<media_info> parse_probe(std::string_view text) {
  auto doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  auto format = doc.find("format");
  if (format == doc.end() || !format->is_object()) return std::nullopt;
  media_info result;
  result.format = text_of(*format, "format_name");
  result.duration_s = number_of(*format, "duration");
  result.bit_rate = static_cast<int64_t>(number_of(*format, "bit_rate"));
  auto streams = doc.find("streams");
  if (streams != doc.end() && streams->is_array())
    for (const auto& s : *streams)
      if (s.is_object()) result.streams.push_back(to_stream(s));
  return result;
}

probe_result probe_file(const std::string& ffprobe, const std::string& input,
                        const std::string& scratch,
                        std::chrono::milliseconds limit) {
  scratch_file out{scratch + ".json"};
  probe_result result;
  result.run = run_tool(probe_args(ffprobe, input, out.path()), limit,
                        scratch + ".log");
  if (result.run.ok()) result.info = parse_probe(read_file(out.path()));
  return result;
}

} // namespace switchboard::io::media
