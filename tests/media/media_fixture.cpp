#include "tests/media/media_fixture.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vips/vips8>

#include "caf/test/unit_test.hpp"

#include "io/media/tool_run.hpp"
#include "persistence/migrations.hpp"
#include "persistence/migrator.hpp"
#include "tests/support/pg_harness.hpp"

namespace switchboard::test {

namespace {

std::string fresh_migrated(const std::string& prefix) {
  auto info = pg_harness::get().fresh_database(prefix);
  pqxx::connection c{info};
  persistence::migrator::apply(c, persistence::embedded_migrations());
  return info;
}

std::vector<std::string> split_args(const std::string& args) {
  std::istringstream in{args};
  std::vector<std::string> result;
  for (std::string word; in >> word;)
    result.push_back(word);
  return result;
}

} // namespace

media_fixture::media_fixture() : conn(prepare_database()) {
  start_pool(test_pool_options(conninfo, 2));
}

std::string media_fixture::prepare_database() {
  conninfo = fresh_migrated("media");
  return conninfo;
}

std::string media_fixture::insert_message() {
  pqxx::work tx{conn};
  auto id = tx.exec1("INSERT INTO messages (sender_id, chat_id, content_enc)"
                     " VALUES (gen_random_uuid(), gen_random_uuid(),"
                     " '\\x00'::bytea) RETURNING id::text")[0]
                .as<std::string>();
  tx.commit();
  return id;
}

void media_fixture::ffmpeg(const std::string& args) {
  std::vector<std::string> argv{"/usr/bin/ffmpeg", "-nostdin", "-loglevel",
                                "error", "-y"};
  for (auto& word : split_args(args))
    argv.push_back(word);
  auto run = io::media::run_tool(argv, std::chrono::seconds(60),
                                 dir.path() + "/ffmpeg.log");
  CAF_REQUIRE_EQUAL(run.output_tail, "");
  CAF_REQUIRE(run.ok());
}

void media_fixture::put_image(const std::string& key, int width, int height) {
  // A gradient, so the encoders have something to compress.
  auto x = vips::VImage::xyz(width, height);
  auto img = (x[0] * (255.0 / width))
                 .bandjoin(x[1] * (255.0 / height))
                 .bandjoin(vips::VImage::black(width, height) + 128)
                 .cast(VIPS_FORMAT_UCHAR);
  auto path = store.path_of(key);
  std::filesystem::create_directories(
      std::filesystem::path{path}.parent_path());
  img.write_to_file(path.c_str());
}

job media_fixture::media_job(const std::string& kind, const std::string& key,
                             const std::string& id) const {
  job x;
  x.id = "1";
  x.queue = "media";
  x.kind = kind;
  x.attempts = 1;
  x.payload = nlohmann::json{
      {"type", kind},
      {"s3Key", key},
      {"userId", "user-1"},
      {"messageId",
       id}}.dump();
  return x;
}

job_outcome media_fixture::run(const job_handler_actor& handler, const job& x) {
  job_outcome result = job_retry("no answer");
  self->request(handler, std::chrono::minutes(2), run_job_atom_v, x)
      .receive(
          [&](job_outcome& o) {
            result = std::move(o);
          },
          [&](caf::error& err) {
            CAF_FAIL("handler did not answer: " << to_string(err));
          });
  return result;
}

size_t media_fixture::scratch_files() const {
  size_t n = 0;
  for ([[maybe_unused]] const auto& f :
       std::filesystem::directory_iterator{store.root() + "/.tmp"})
    ++n;
  return n;
}

} // namespace switchboard::test
