// Audio messages: MP3 for every client, plus the waveform peaks a client
// draws before it downloads the audio.

#include <nlohmann/json.hpp>

#include "io/media/media_key.hpp"
#include "io/media/media_pipeline.hpp"
#include "io/media/pipeline_support.hpp"
#include "io/media/scratch_file.hpp"
#include "io/media/waveform.hpp"

namespace switchboard::io::media {

namespace {

using nlohmann::json;
using std::chrono::milliseconds;

// Enough resolution for a few hundred peaks of a voice message.
constexpr uint32_t waveform_sample_rate = 8000;

std::vector<double> peaks_of(const std::string& src,
                             const media_settings& settings,
                             const directory_store& store,
                             const tool_budget& budget) {
  scratch_file pcm{store.scratch_path(".pcm")};
  run_stage(
      "ffmpeg waveform",
      pcm_args(settings.ffmpeg_path, src, pcm.path(), waveform_sample_rate),
      store, budget);
  return waveform_peaks(read_pcm_s16le(pcm.path()), settings.waveform_peaks);
}

json source_json(const media_info& info, const stream_info& audio,
                 uint64_t bytes) {
  return {{"format", info.format},
          {"codec", audio.codec},
          {"duration_s", info.duration_s},
          {"bytes", bytes}};
}

} // namespace

processed_media process_audio(const media_spec& spec,
                              const media_settings& settings,
                              const directory_store& store) {
  auto src = source_path(spec, settings, store);
  tool_budget budget{milliseconds{settings.audio_timeout_ms}};
  auto input = probe_stage(src, "input", settings, store, budget);
  const auto* in_audio = input.first("audio");
  if (!in_audio) throw media_error("input has no audio stream", true);
  scratch_file mp3{store.scratch_path(".mp3")};
  run_stage("ffmpeg mp3",
            mp3_args(settings.ffmpeg_path, src, mp3.path(),
                     settings.audio_bitrate_kbps),
            store, budget);
  auto peaks = peaks_of(src, settings, store, budget);
  auto output = probe_stage(mp3.path(), "output", settings, store, budget);
  const auto* out_audio = output.first("audio");
  if (!out_audio) throw media_error("mp3 output has no audio stream", false);
  json meta{{"type", "audio"},
            {"format", "mp3"},
            {"codec", out_audio->codec},
            {"duration_s", output.duration_s},
            {"bit_rate", output.bit_rate},
            {"sample_rate", out_audio->sample_rate},
            {"channels", out_audio->channels},
            {"bytes", file_bytes(mp3.path())},
            {"waveform", peaks},
            {"source", source_json(input, *in_audio, file_bytes(src))}};
  processed_media result{processed_key(spec.message_id, "audio.mp3"), "",
                         meta.dump()};
  store.commit(mp3.path(), result.media_key);
  mp3.release();
  return result;
}

} // namespace switchboard::io::media
