#define CAF_SUITE media.units
#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/queues/handlers/media/media_payload.hpp"
#include "io/media/ffmpeg_args.hpp"
#include "io/media/image_ops.hpp"
#include "io/media/media_key.hpp"
#include "io/media/probe.hpp"
#include "io/media/tool_failure.hpp"
#include "io/media/waveform.hpp"

using namespace switchboard;
using namespace switchboard::io::media;

namespace {

const char* const uuid = "3f2b8c1e-6a4d-4f7e-9b1a-2c3d4e5f6a7b";

std::string error_of(const std::string& kind, const std::string& payload) {
  auto parsed = media_jobs::parse_media_payload(kind, payload);
  auto* error = std::get_if<std::string>(&parsed);
  return error ? *error : "";
}

bool contains(const std::vector<std::string>& xs, const std::string& x) {
  return std::find(xs.begin(), xs.end(), x) != xs.end();
}

} // namespace

CAF_TEST(media keys are relative paths of safe segments) {
  CAF_CHECK(is_valid_media_key("uploads/a/photo.jpg"));
  CAF_CHECK(is_valid_media_key("x"));
  CAF_CHECK(!is_valid_media_key(""));
  CAF_CHECK(!is_valid_media_key("/etc/passwd"));
  CAF_CHECK(!is_valid_media_key("a/../b"));
  CAF_CHECK(!is_valid_media_key("a//b"));
  CAF_CHECK(!is_valid_media_key("a/"));
  CAF_CHECK(!is_valid_media_key(".tmp/x"));
  CAF_CHECK(!is_valid_media_key("a b"));
  CAF_CHECK(!is_valid_media_key(std::string(513, 'a')));
  CAF_CHECK_EQUAL(processed_key("m1", "thumb.jpg"), "processed/m1/thumb.jpg");
}

CAF_TEST(the media payload is checked field by field) {
  auto ok = media_jobs::parse_media_payload(
      "image",
      std::string{R"({"type":"image","s3Key":"up/a.png","messageId":")"} + uuid
          + R"(","userId":"u"})");
  auto* spec = std::get_if<media_spec>(&ok);
  CAF_REQUIRE(spec != nullptr);
  CAF_CHECK_EQUAL(spec->type, "image");
  CAF_CHECK_EQUAL(spec->source_key, "up/a.png");
  CAF_CHECK_EQUAL(spec->message_id, uuid);
  auto with = [](const std::string& fields) {
    return std::string{"{"} + fields + R"(,"messageId":")" + uuid + "\"}";
  };
  CAF_CHECK_EQUAL(error_of("audio", with(R"("s3Key":"a.mp3")")), "");
  CAF_CHECK_EQUAL(error_of("image", "[1]"), "payload: not a JSON object");
  CAF_CHECK_EQUAL(error_of("pdf", with(R"("s3Key":"a")")),
                  "payload.type: not image, audio or video");
  CAF_CHECK_EQUAL(error_of("image", with(R"("type":"video","s3Key":"a")")),
                  "payload.type video but job kind image");
  CAF_CHECK_EQUAL(error_of("image", with(R"("s3Key":"../etc/passwd")")),
                  "payload.s3Key: not a valid media key");
  CAF_CHECK_EQUAL(error_of("image", R"({"s3Key":"a.png","messageId":"42"})"),
                  "payload.messageId: not a UUID");
  CAF_CHECK(media_jobs::is_uuid(uuid));
  CAF_CHECK(!media_jobs::is_uuid("3f2b8c1e-6a4d-4f7e-9b1a-2c3d4e5f6a7"));
  CAF_CHECK(!media_jobs::is_uuid("3f2b8c1e+6a4d-4f7e-9b1a-2c3d4e5f6a7b"));
}

CAF_TEST(ffmpeg command lines) {
  auto mp3 = mp3_args("/usr/bin/ffmpeg", "/in.ogg", "/out.mp3", 96);
  CAF_CHECK_EQUAL(mp3.front(), "/usr/bin/ffmpeg");
  CAF_CHECK_EQUAL(mp3.back(), "/out.mp3");
  CAF_CHECK(contains(mp3, "libmp3lame"));
  CAF_CHECK(contains(mp3, "96k"));
  CAF_CHECK(contains(mp3, "-nostdin"));
  auto mp4 = h264_args("/ff", "/in.mov", "/out.mp4", 1280, 23);
  CAF_CHECK(contains(mp4, "libx264"));
  CAF_CHECK(contains(mp4, "+faststart"));
  CAF_CHECK(contains(mp4, "yuv420p"));
  CAF_CHECK(contains(mp4, "0:a:0?"));
  CAF_CHECK(contains(mp4, fit_scale_filter(1280)));
  CAF_CHECK_EQUAL(fit_scale_filter(640),
                  "scale=w='if(gte(iw,ih),trunc(min(iw,640)/2)*2,-2)'"
                  ":h='if(gte(iw,ih),-2,trunc(min(ih,640)/2)*2)'");
  auto frame = frame_args("/ff", "/v.mp4", "/f.png", 1);
  CAF_CHECK(contains(frame, "1.000"));
  auto probe = probe_args("/fp", "/v.mp4", "/p.json");
  CAF_CHECK(contains(probe, "-show_streams"));
  CAF_CHECK_EQUAL(probe.back(), "/v.mp4");
  auto pcm = pcm_args("/ff", "/a.ogg", "/a.pcm", 8000);
  CAF_CHECK(contains(pcm, "s16le"));
  CAF_CHECK(contains(pcm, "8000"));
}

CAF_TEST(ffprobe output is parsed) {
  auto info = parse_probe(R"({
    "streams": [
      {"codec_type": "video", "codec_name": "h264", "width": 640,
       "height": 360},
      {"codec_type": "audio", "codec_name": "aac", "sample_rate": "44100",
       "channels": 2}
    ],
    "format": {"format_name": "mov,mp4,m4a,3gp,3g2,mj2",
               "duration": "2.000000", "bit_rate": "123456"}
  })");
  CAF_REQUIRE(info);
  CAF_CHECK_EQUAL(info->format, "mov,mp4,m4a,3gp,3g2,mj2");
  CAF_CHECK_EQUAL(info->duration_s, 2.0);
  CAF_CHECK_EQUAL(info->bit_rate, 123456);
  const auto* video = info->first("video");
  const auto* audio = info->first("audio");
  CAF_REQUIRE(video != nullptr);
  CAF_REQUIRE(audio != nullptr);
  CAF_CHECK_EQUAL(video->width, 640);
  CAF_CHECK_EQUAL(video->height, 360);
  CAF_CHECK_EQUAL(audio->sample_rate, 44100);
  CAF_CHECK_EQUAL(audio->channels, 2);
  CAF_CHECK(info->first("subtitle") == nullptr);
  CAF_CHECK(!parse_probe("not json"));
  CAF_CHECK(!parse_probe(R"({"streams": []})"));
}

CAF_TEST(waveform peaks are the loudest sample per slice) {
  std::vector<int16_t> samples{0, 100, -32768, 5, 16384, 0, 0, -3277};
  auto peaks = waveform_peaks(samples, 4);
  CAF_REQUIRE_EQUAL(peaks.size(), 4u);
  CAF_CHECK_EQUAL(peaks[0], 0.003);
  CAF_CHECK_EQUAL(peaks[1], 1.0);
  CAF_CHECK_EQUAL(peaks[2], 0.5);
  CAF_CHECK_EQUAL(peaks[3], 0.1);
  CAF_CHECK_EQUAL(waveform_peaks({}, 3), (std::vector<double>{0, 0, 0}));
  auto sparse = waveform_peaks({32767}, 2);
  CAF_CHECK_EQUAL(sparse, (std::vector<double>{0, 1}));
}

CAF_TEST(tool failures say whether a retry can help) {
  tool_result timed_out{124, true, "partial"};
  auto e1 = tool_failure("ffmpeg transcode", timed_out,
                         std::chrono::milliseconds{250});
  CAF_CHECK_EQUAL(std::string{e1.what()},
                  "ffmpeg transcode timed out after 250 ms");
  CAF_CHECK(!e1.permanent());
  tool_result bad_input{1, false,
                        "in.mp4: Invalid data found when processing input"};
  auto e2 = tool_failure("ffmpeg mp3", bad_input, std::chrono::seconds{1});
  CAF_CHECK(e2.permanent());
  tool_result crashed{134, false, "Aborted"};
  auto e3 = tool_failure("ffmpeg mp3", crashed, std::chrono::seconds{1});
  CAF_CHECK(!e3.permanent());
  CAF_CHECK_EQUAL(std::string{e3.what()},
                  "ffmpeg mp3 failed (exit 134): Aborted");
}

CAF_TEST(a budget shrinks with time and never reaches zero) {
  using namespace std::chrono;
  steady_clock::time_point t0{};
  CAF_CHECK_EQUAL(
      remaining_budget(t0, milliseconds{1000}, t0 + milliseconds{300}),
      milliseconds{700});
  CAF_CHECK_EQUAL(remaining_budget(t0, milliseconds{1000}, t0 + seconds{5}),
                  milliseconds{1});
}

CAF_TEST(output tails keep the last lines) {
  CAF_CHECK_EQUAL(tail_of("a\nb\nc\n\n", 100), "a\nb\nc");
  CAF_CHECK_EQUAL(tail_of("first line\nsecond\n", 8), "second");
  CAF_CHECK_EQUAL(tail_of("", 10), "");
}

CAF_TEST(loader names become format names) {
  CAF_CHECK_EQUAL(format_of_loader("jpegload_source"), "jpeg");
  CAF_CHECK_EQUAL(format_of_loader("pngload"), "png");
  CAF_CHECK_EQUAL(format_of_loader("other"), "other");
  CAF_CHECK_EQUAL(extension_of({"webp", 80}), "webp");
  CAF_CHECK_EQUAL(extension_of({"jpeg", 80}), "jpg");
}
