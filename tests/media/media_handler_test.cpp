#define CAF_SUITE media.handler
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "caf/test/unit_test.hpp"
#include <caf/all.hpp>

#include "actors/queues/handlers/media/media_handler.hpp"
#include "io/media/image_ops.hpp"
#include "tests/media/media_fixture.hpp"

using namespace switchboard;
using namespace switchboard::media_jobs;
using nlohmann::json;

namespace {

struct fixture : test::media_fixture {
  job_handler_actor spawn(media_settings s) {
    media_handler_options opts;
    opts.settings = s;
    opts.store_dir = store.root();
    auto h = spawn_media_handler(sys, opts, pool);
    handlers.push_back(h);
    return h;
  }

  ~fixture() {
    for (auto& h : handlers)
      caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
  }

  json row(const std::string& id) {
    pqxx::read_transaction tx{conn};
    auto r = tx.exec_params1(
        "SELECT json_build_object('media_key', media_key, 'media_url',"
        " media_url, 'thumbnail_url', thumbnail_url, 'metadata',"
        " media_metadata)::text FROM messages WHERE id = $1::uuid",
        id);
    return json::parse(r[0].as<std::string>());
  }

  // Offset of an MP4 box type in the file, or npos.
  size_t box_offset(const std::string& key, const std::string& box) {
    auto bytes = store.get(key);
    return bytes ? bytes->find(box) : std::string::npos;
  }

  std::vector<job_handler_actor> handlers;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(media_handler_tests, fixture)

CAF_TEST(an image is resized and thumbnailed and measured and recorded) {
  settings.max_dimension = 800;
  settings.thumbnail_size = 160;
  auto handler = spawn(settings);
  auto id = insert_message();
  put_image("uploads/wide.png", 1600, 1000);
  auto outcome = run(handler, media_job("image", "uploads/wide.png", id));
  CAF_REQUIRE_EQUAL(outcome.error, "");
  CAF_REQUIRE_EQUAL(outcome.status, job_status::completed);
  auto r = row(id);
  CAF_CHECK_EQUAL(r["media_key"], "uploads/wide.png");
  CAF_CHECK_EQUAL(r["media_url"], "processed/" + id + "/image.jpg");
  CAF_CHECK_EQUAL(r["thumbnail_url"], "processed/" + id + "/thumb.jpg");
  auto meta = r["metadata"];
  CAF_CHECK_EQUAL(meta["type"], "image");
  CAF_CHECK_EQUAL(meta["width"], 800);
  CAF_CHECK_EQUAL(meta["height"], 500);
  CAF_CHECK_EQUAL(meta["format"], "jpeg");
  CAF_CHECK_EQUAL(meta["thumbnail"]["width"], 160);
  CAF_CHECK_EQUAL(meta["thumbnail"]["height"], 100);
  CAF_CHECK_EQUAL(meta["source"]["width"], 1600);
  CAF_CHECK_EQUAL(meta["source"]["height"], 1000);
  CAF_CHECK_EQUAL(meta["source"]["format"], "png");
  // The stored files are what the metadata says.
  auto web = io::media::measure_image(
      store.path_of(r["media_url"].get<std::string>()));
  CAF_CHECK_EQUAL(web.width, 800);
  CAF_CHECK_EQUAL(web.format, "jpeg");
  auto thumb = io::media::measure_image(
      store.path_of(r["thumbnail_url"].get<std::string>()));
  CAF_CHECK_EQUAL(thumb.height, 100);
  auto result = json::parse(outcome.result);
  CAF_CHECK_EQUAL(result["metadata"], meta);
  CAF_CHECK_EQUAL(scratch_files(), 0u);
}

CAF_TEST(a small image is not enlarged and webp is honoured) {
  settings.image_format = "webp";
  settings.quality = 60;
  auto handler = spawn(settings);
  auto id = insert_message();
  put_image("uploads/tall.jpg", 300, 600);
  auto outcome = run(handler, media_job("image", "uploads/tall.jpg", id));
  CAF_REQUIRE_EQUAL(outcome.status, job_status::completed);
  auto meta = row(id)["metadata"];
  CAF_CHECK_EQUAL(meta["width"], 300);
  CAF_CHECK_EQUAL(meta["height"], 600);
  CAF_CHECK_EQUAL(meta["format"], "webp");
  CAF_CHECK_EQUAL(meta["thumbnail"]["width"], 160);
  CAF_CHECK_EQUAL(meta["thumbnail"]["height"], 320);
  auto r = row(id);
  CAF_CHECK_EQUAL(r["media_url"], "processed/" + id + "/image.webp");
  auto web = io::media::measure_image(
      store.path_of(row(id)["media_url"].get<std::string>()));
  CAF_CHECK_EQUAL(web.format, "webp");
}

CAF_TEST(running an image job twice gives the same result) {
  auto handler = spawn(settings);
  auto id = insert_message();
  put_image("uploads/again.png", 640, 480);
  auto first = run(handler, media_job("image", "uploads/again.png", id));
  auto second = run(handler, media_job("image", "uploads/again.png", id));
  CAF_REQUIRE_EQUAL(first.status, job_status::completed);
  CAF_REQUIRE_EQUAL(second.status, job_status::completed);
  auto r = row(id);
  CAF_CHECK_EQUAL(r["metadata"]["width"], 640);
  auto one = json::parse(first.result);
  auto two = json::parse(second.result);
  CAF_CHECK_EQUAL(one["media_url"], two["media_url"]);
}

CAF_TEST(audio becomes mp3 with duration and waveform) {
  settings.waveform_peaks = 50;
  auto handler = spawn(settings);
  auto id = insert_message();
  ffmpeg("-f lavfi -i sine=frequency=440:duration=2 -c:a libvorbis "
         + store.root() + "/voice.ogg");
  auto outcome = run(handler, media_job("audio", "voice.ogg", id));
  CAF_REQUIRE_EQUAL(outcome.error, "");
  CAF_REQUIRE_EQUAL(outcome.status, job_status::completed);
  auto r = row(id);
  CAF_CHECK_EQUAL(r["media_url"], "processed/" + id + "/audio.mp3");
  CAF_CHECK(r["thumbnail_url"].is_null());
  auto meta = r["metadata"];
  CAF_CHECK_EQUAL(meta["codec"], "mp3");
  CAF_CHECK_EQUAL(meta["source"]["codec"], "vorbis");
  auto duration = meta["duration_s"].get<double>();
  CAF_CHECK(duration > 1.9 && duration < 2.2);
  CAF_REQUIRE_EQUAL(meta["waveform"].size(), 50u);
  // A sine at ffmpeg's default amplitude (1/8) is loud everywhere.
  for (const auto& peak : meta["waveform"])
    CAF_CHECK(peak.get<double>() > 0.05 && peak.get<double>() <= 1.0);
  CAF_CHECK(store.exists(r["media_url"].get<std::string>()));
  CAF_CHECK_EQUAL(scratch_files(), 0u);
}

CAF_TEST(video becomes faststart h264 and aac with a poster) {
  auto handler = spawn(settings);
  auto id = insert_message();
  ffmpeg("-f lavfi -i testsrc=duration=2:size=1920x1080:rate=15 -f lavfi"
         " -i sine=frequency=300:duration=2 -c:v mpeg4 -c:a mp2 -shortest "
         + store.root() + "/clip.avi");
  auto outcome = run(handler, media_job("video", "clip.avi", id));
  CAF_REQUIRE_EQUAL(outcome.error, "");
  CAF_REQUIRE_EQUAL(outcome.status, job_status::completed);
  auto r = row(id);
  auto key = r["media_url"].get<std::string>();
  CAF_CHECK_EQUAL(key, "processed/" + id + "/video.mp4");
  CAF_CHECK_EQUAL(r["thumbnail_url"], "processed/" + id + "/poster.jpg");
  auto meta = r["metadata"];
  CAF_CHECK_EQUAL(meta["video_codec"], "h264");
  CAF_CHECK_EQUAL(meta["audio_codec"], "aac");
  CAF_CHECK_EQUAL(meta["width"], 1280);
  CAF_CHECK_EQUAL(meta["height"], 720);
  CAF_CHECK_EQUAL(meta["source"]["video_codec"], "mpeg4");
  CAF_CHECK_EQUAL(meta["source"]["width"], 1920);
  auto duration = meta["duration_s"].get<double>();
  CAF_CHECK(duration > 1.9 && duration < 2.2);
  CAF_CHECK_EQUAL(meta["poster"]["width"], 320);
  CAF_CHECK_EQUAL(meta["poster"]["height"], 180);
  // faststart: the index (moov) comes before the media data (mdat).
  auto moov = box_offset(key, "moov");
  auto mdat = box_offset(key, "mdat");
  CAF_REQUIRE(moov != std::string::npos);
  CAF_REQUIRE(mdat != std::string::npos);
  CAF_CHECK(moov < mdat);
  auto poster = io::media::measure_image(
      store.path_of(r["thumbnail_url"].get<std::string>()));
  CAF_CHECK_EQUAL(poster.format, "jpeg");
  CAF_CHECK_EQUAL(poster.width, 320);
  CAF_CHECK_EQUAL(scratch_files(), 0u);
}

CAF_TEST(a video run past its budget fails the attempt and leaves nothing) {
  settings.video_timeout_ms = 400;
  auto handler = spawn(settings);
  auto id = insert_message();
  ffmpeg("-f lavfi -i testsrc=duration=20:size=1280x720:rate=30 -c:v mpeg4 "
         + store.root() + "/long.avi");
  auto started = std::chrono::steady_clock::now();
  auto outcome = run(handler, media_job("video", "long.avi", id));
  auto took = std::chrono::steady_clock::now() - started;
  CAF_CHECK_EQUAL(outcome.status, job_status::retry);
  CAF_CHECK(outcome.error.find("timed out after") != std::string::npos);
  CAF_MESSAGE("error: " << outcome.error);
  CAF_CHECK(took < std::chrono::seconds(5));
  CAF_CHECK(!std::filesystem::exists(store.root() + "/processed/" + id));
  CAF_CHECK_EQUAL(scratch_files(), 0u);
  auto r = row(id);
  CAF_CHECK(r["media_url"].is_null());
}

CAF_TEST(corrupt inputs fail for good) {
  auto handler = spawn(settings);
  auto id = insert_message();
  store.put("bad.jpg", "\xff\xd8\xff\xe0 this is not really a jpeg");
  store.put("bad.mp4", std::string(4096, '\x42'));
  auto image = run(handler, media_job("image", "bad.jpg", id));
  CAF_CHECK_EQUAL(image.status, job_status::fail);
  CAF_MESSAGE("image error: " << image.error);
  auto video = run(handler, media_job("video", "bad.mp4", id));
  CAF_CHECK_EQUAL(video.status, job_status::fail);
  CAF_CHECK(video.error.find("not a readable media file") != std::string::npos);
  auto audio = run(handler, media_job("audio", "bad.mp4", id));
  CAF_CHECK_EQUAL(audio.status, job_status::fail);
  CAF_CHECK_EQUAL(scratch_files(), 0u);
  auto r = row(id);
  CAF_CHECK(r["media_url"].is_null());
}

CAF_TEST(a video without a video stream fails for good) {
  auto handler = spawn(settings);
  auto id = insert_message();
  ffmpeg("-f lavfi -i sine=duration=1 " + store.root() + "/only_audio.mp3");
  auto outcome = run(handler, media_job("video", "only_audio.mp3", id));
  CAF_CHECK_EQUAL(outcome.status, job_status::fail);
  CAF_CHECK_EQUAL(outcome.error, "input has no video stream");
}

CAF_TEST(missing sources and bad payloads and missing messages fail for good) {
  auto handler = spawn(settings);
  auto id = insert_message();
  auto missing = run(handler, media_job("image", "nowhere.png", id));
  CAF_CHECK_EQUAL(missing.status, job_status::fail);
  CAF_CHECK_EQUAL(missing.error, "source nowhere.png not found");
  auto bad = media_job("image", "x.png", id);
  bad.payload = R"({"type":"image","s3Key":"x.png"})";
  auto invalid = run(handler, bad);
  CAF_CHECK_EQUAL(invalid.status, job_status::fail);
  CAF_CHECK_EQUAL(invalid.error, "payload.messageId: not a UUID");
  put_image("orphan.png", 64, 64);
  auto gone = run(handler, media_job("image", "orphan.png",
                                     "00000000-0000-4000-8000-000000000000"));
  CAF_CHECK_EQUAL(gone.status, job_status::fail);
  CAF_CHECK_EQUAL(gone.error,
                  "message 00000000-0000-4000-8000-000000000000 not found");
}

CAF_TEST(a too large input fails for good) {
  settings.max_input_bytes = 100;
  auto handler = spawn(settings);
  auto id = insert_message();
  put_image("big.png", 200, 200);
  auto outcome = run(handler, media_job("image", "big.png", id));
  CAF_CHECK_EQUAL(outcome.status, job_status::fail);
  CAF_CHECK_EQUAL(outcome.error, "source big.png exceeds 100 bytes");
}

CAF_TEST(a database failure is retried) {
  auto handler = spawn(settings);
  auto id = insert_message();
  put_image("db.png", 64, 64);
  stop_pool();
  auto outcome = run(handler, media_job("image", "db.png", id));
  CAF_CHECK_EQUAL(outcome.status, job_status::retry);
  CAF_CHECK(outcome.error.rfind("database: ", 0) == 0);
}

CAF_TEST_FIXTURE_SCOPE_END()
