#define CAF_SUITE cleanup.handler
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sys/stat.h>

#include "caf/test/unit_test.hpp"
#include <caf/all.hpp>

#include "actors/queues/handlers/cleanup/cleanup_handler.hpp"
#include "io/media/directory_store.hpp"
#include "persistence/migrations.hpp"
#include "persistence/migrator.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/pool_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace switchboard;
using namespace switchboard::cleanup_jobs;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string fresh_migrated() {
  auto info = test::pg_harness::get().fresh_database("cleanup");
  pqxx::connection c{info};
  persistence::migrator::apply(c, persistence::embedded_migrations());
  return info;
}

struct fixture : test::pool_fixture {
  fixture() : conn(prepare_database()) {
    start_pool(test::test_pool_options(conninfo, 2));
    fs::create_directories(temp_root);
    cleanup_handler_options opts;
    opts.store_dir = store.root();
    opts.temp_root = temp_root;
    opts.settings.batch_size = 2; // several batches in every test
    opts.settings.prekeys_min_unused = 2;
    handler = spawn_cleanup_handler(sys, opts, pool);
  }

  std::string prepare_database() {
    conninfo = fresh_migrated();
    return conninfo;
  }

  ~fixture() {
    caf::anon_send_exit(handler, caf::exit_reason::user_shutdown);
  }

  void exec(const std::string& sql) {
    pqxx::work tx{conn};
    tx.exec(sql);
    tx.commit();
  }

  int64_t count(const std::string& sql) {
    pqxx::read_transaction tx{conn};
    return tx.exec1(sql)[0].as<int64_t>();
  }

  job_outcome run(const std::string& kind, const std::string& payload = "{}",
                  caf::timestamp run_at = caf::make_timestamp()) {
    job x;
    x.id = "7";
    x.queue = "cleanup";
    x.kind = kind;
    x.payload = payload;
    x.run_at = run_at;
    job_outcome result = job_retry("no answer");
    self->request(handler, std::chrono::minutes(2), run_job_atom_v, x)
        .receive(
            [&](job_outcome& o) {
              result = std::move(o);
            },
            [&](caf::error& err) {
              CAF_FAIL("no answer: " << to_string(err));
            });
    return result;
  }

  // Runs a job that must complete; returns its result.
  json completed(const std::string& kind, const std::string& payload = "{}") {
    auto outcome = run(kind, payload);
    CAF_REQUIRE_EQUAL(outcome.error, "");
    CAF_REQUIRE_EQUAL(outcome.status, job_status::completed);
    return json::parse(outcome.result);
  }

  // Sets a file's modification time `age` into the past.
  void age_file(const std::string& path, std::chrono::hours age) {
    auto t = std::chrono::system_clock::now() - age;
    timespec times[2];
    times[0].tv_sec = times[1].tv_sec = std::chrono::system_clock::to_time_t(t);
    times[0].tv_nsec = times[1].tv_nsec = 0;
    CAF_REQUIRE_EQUAL(utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
  }

  void write_file(const std::string& path) {
    fs::create_directories(fs::path{path}.parent_path());
    std::ofstream{path} << "x";
  }

  pqxx::connection conn;
  test::temp_dir dir{"cleanup", 0755};
  io::media::directory_store store{dir.path() + "/store"};
  std::string temp_root = dir.path() + "/tmp";
  job_handler_actor handler;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(cleanup_handler_tests, fixture)

CAF_TEST(expired stories go with their media and young ones stay) {
  for (auto key : {"s/old1.jpg", "s/old2.jpg", "s/young.jpg", "s/shared.jpg"})
    store.put(key, "img");
  exec("INSERT INTO stories (user_id, media_url, thumbnail_url, created_at)"
       " VALUES (gen_random_uuid(), 's/old1.jpg', 's/old2.jpg',"
       "         now() - interval '25 hours'),"
       "        (gen_random_uuid(), NULL, NULL, now() - interval '30 hours'),"
       "        (gen_random_uuid(), 's/shared.jpg', NULL,"
       "         now() - interval '26 hours'),"
       "        (gen_random_uuid(), 's/young.jpg', NULL,"
       "         now() - interval '23 hours')");
  exec("INSERT INTO messages (sender_id, chat_id, media_url) VALUES"
       " (gen_random_uuid(), gen_random_uuid(), 's/shared.jpg')");
  auto result = completed(
      "stories", R"({"type":"stories","data":{"older_than_hours":24}})");
  CAF_CHECK_EQUAL(result["type"], "stories");
  CAF_CHECK_EQUAL(result["deleted"], 3);
  CAF_CHECK_EQUAL(result["files"]["removed"], 2);
  CAF_CHECK_EQUAL(result["files"]["shared"], 1);
  CAF_CHECK_EQUAL(count("SELECT count(*) FROM stories"), 1);
  CAF_CHECK(!store.exists("s/old1.jpg"));
  CAF_CHECK(!store.exists("s/old2.jpg"));
  CAF_CHECK(store.exists("s/shared.jpg"));
  CAF_CHECK(store.exists("s/young.jpg"));
  auto again = completed("stories");
  CAF_CHECK_EQUAL(again["deleted"], 0);
  CAF_CHECK_EQUAL(again["files"]["removed"], 0);
}

CAF_TEST(a payload cannot shorten the story age) {
  exec("INSERT INTO stories (user_id, created_at) VALUES"
       " (gen_random_uuid(), now() - interval '2 hours')");
  auto result = completed("stories", R"({"data":{"older_than_hours":1}})");
  CAF_CHECK_EQUAL(result["deleted"], 0);
  CAF_CHECK_EQUAL(result["age_s"], 24 * 3600);
}

CAF_TEST(inactive sessions go after thirty days) {
  exec("INSERT INTO user_sessions (user_id, last_active_at, created_at) VALUES"
       " (gen_random_uuid(), now() - interval '31 days', now() - interval '90 "
       "days'),"
       " (gen_random_uuid(), now() - interval '29 days', now() - interval '90 "
       "days'),"
       " (gen_random_uuid(), NULL, now() - interval '40 days'),"
       " (gen_random_uuid(), NULL, now() - interval '1 day'),"
       " (gen_random_uuid(), now() - interval '45 days', now() - interval '50 "
       "days')");
  auto result = completed("sessions", R"({"data":{"inactive_days":30}})");
  CAF_CHECK_EQUAL(result["deleted"], 3);
  CAF_CHECK_EQUAL(count("SELECT count(*) FROM user_sessions"), 2);
  CAF_CHECK_EQUAL(count("SELECT count(*) FROM user_sessions WHERE"
                        " coalesce(last_active_at, created_at)"
                        " < now() - interval '30 days'"),
                  0);
  auto second_run = completed("sessions");
  CAF_CHECK_EQUAL(second_run["deleted"], 0);
}

CAF_TEST(messages go after a year with their media) {
  store.put("m/old.mp4", "v");
  store.put("m/new.mp4", "v");
  exec("INSERT INTO messages (sender_id, chat_id, media_key, created_at) VALUES"
       " (gen_random_uuid(), gen_random_uuid(), 'm/old.mp4', now() - interval "
       "'366 days'),"
       " (gen_random_uuid(), gen_random_uuid(), NULL, now() - interval '400 "
       "days'),"
       " (gen_random_uuid(), gen_random_uuid(), NULL, now() - interval '500 "
       "days'),"
       " (gen_random_uuid(), gen_random_uuid(), 'm/new.mp4', now() - interval "
       "'364 days')");
  auto result = completed("messages");
  CAF_CHECK_EQUAL(result["deleted"], 3);
  CAF_CHECK_EQUAL(result["files"]["removed"], 1);
  CAF_CHECK_EQUAL(count("SELECT count(*) FROM messages"), 1);
  CAF_CHECK(!store.exists("m/old.mp4"));
  CAF_CHECK(store.exists("m/new.mp4"));
  auto second_run = completed("messages");
  CAF_CHECK_EQUAL(second_run["deleted"], 0);
}

CAF_TEST(old temporary files go file first and only under their root) {
  auto old_file = temp_root + "/up/old.bin";
  auto young_file = temp_root + "/up/young.bin";
  auto outside = dir.path() + "/outside.bin";
  for (const auto& f : {old_file, young_file, outside})
    write_file(f);
  pqxx::work tx{conn};
  tx.exec_params("INSERT INTO temporary_files (file_path, created_at) VALUES"
                 " ($1, now() - interval '2 days'),"
                 " ($2, now() - interval '1 hour'),"
                 " ($3, now() - interval '2 days'),"
                 " ('up/relative-missing.bin', now() - interval '3 days'),"
                 " ('../outside.bin', now() - interval '3 days')",
                 old_file, young_file, outside);
  tx.commit();
  auto result = completed("temp_files");
  CAF_CHECK_EQUAL(result["deleted"], 2);
  CAF_CHECK_EQUAL(result["files"]["removed"], 1);
  CAF_CHECK_EQUAL(result["files"]["missing"], 1);
  CAF_CHECK_EQUAL(result["files"]["refused"], 2);
  CAF_CHECK(!fs::exists(old_file));
  CAF_CHECK(fs::exists(young_file));
  CAF_CHECK(fs::exists(outside));
  CAF_CHECK_EQUAL(count("SELECT count(*) FROM temporary_files"), 3);
  auto again = completed("temp_files");
  CAF_CHECK_EQUAL(again["deleted"], 0);
  CAF_CHECK_EQUAL(again["files"]["refused"], 2);
}

CAF_TEST(prekey rotation removes used and stale prekeys) {
  exec("INSERT INTO user_prekeys (user_id, prekey_id, public_key, used_at,"
       " created_at) VALUES"
       " ('11111111-1111-1111-1111-111111111111', 1, 'k', now() - interval '2 "
       "days', now() - interval '3 days'),"
       " ('11111111-1111-1111-1111-111111111111', 2, 'k', now() - interval '1 "
       "hour', now() - interval '3 days'),"
       " ('11111111-1111-1111-1111-111111111111', 3, 'k', NULL, now() - "
       "interval '100 days'),"
       " ('11111111-1111-1111-1111-111111111111', 4, 'k', NULL, now() - "
       "interval '10 days'),"
       " ('22222222-2222-2222-2222-222222222222', 1, 'k', NULL, now()),"
       " ('22222222-2222-2222-2222-222222222222', 2, 'k', NULL, now()),"
       " ('22222222-2222-2222-2222-222222222222', 3, 'k', NULL, now())");
  auto result = completed("prekeys");
  CAF_CHECK_EQUAL(result["used_deleted"], 1);
  CAF_CHECK_EQUAL(result["expired_deleted"], 1);
  // User 1 keeps one unused prekey (below 2), user 2 three.
  CAF_CHECK_EQUAL(result["users_low"], 1);
  CAF_CHECK_EQUAL(count("SELECT count(*) FROM user_prekeys"), 5);
  auto again = completed("prekeys");
  CAF_CHECK_EQUAL(again["used_deleted"], 0);
  CAF_CHECK_EQUAL(again["expired_deleted"], 0);
}

CAF_TEST(orphaned media goes once old and unreferenced) {
  for (auto key : {"a/used.jpg", "a/thumb.jpg", "a/orphan.jpg", "a/fresh.jpg",
                   "b/story.jpg"})
    store.put(key, "x");
  for (auto key : {"a/used.jpg", "a/thumb.jpg", "a/orphan.jpg", "b/story.jpg"})
    age_file(store.path_of(key), std::chrono::hours{48});
  auto stale = store.scratch_path(".part");
  write_file(stale);
  age_file(stale, std::chrono::hours{48});
  exec("INSERT INTO messages (sender_id, chat_id, media_key, thumbnail_url)"
       " VALUES (gen_random_uuid(), gen_random_uuid(), 'a/used.jpg',"
       " 'a/thumb.jpg')");
  exec("INSERT INTO stories (user_id, media_url) VALUES"
       " (gen_random_uuid(), 'b/story.jpg')");
  auto result = completed("orphaned_media");
  CAF_CHECK_EQUAL(result["checked"], 4);
  CAF_CHECK_EQUAL(result["files"]["removed"], 1);
  CAF_CHECK_EQUAL(result["scratch_removed"], 1);
  CAF_CHECK(!store.exists("a/orphan.jpg"));
  CAF_CHECK(store.exists("a/used.jpg"));
  CAF_CHECK(store.exists("a/thumb.jpg"));
  CAF_CHECK(store.exists("a/fresh.jpg"));
  CAF_CHECK(store.exists("b/story.jpg"));
  CAF_CHECK(!fs::exists(stale));
  auto second_run = completed("orphaned_media");
  CAF_CHECK_EQUAL(second_run["files"]["removed"], 0);
}

CAF_TEST(stale websockets mark their sessions inactive) {
  exec("INSERT INTO user_sessions (user_id, last_active_at, is_active) VALUES"
       " (gen_random_uuid(), now() - interval '20 minutes', true),"
       " (gen_random_uuid(), now() - interval '5 minutes', true),"
       " (gen_random_uuid(), now() - interval '2 days', false)");
  auto result = completed("stale_websockets");
  CAF_CHECK_EQUAL(result["closed"], 1);
  CAF_CHECK_EQUAL(count("SELECT count(*) FROM user_sessions WHERE is_active"),
                  1);
  auto second_run = completed("stale_websockets");
  CAF_CHECK_EQUAL(second_run["closed"], 0);
}

CAF_TEST(statistics aggregate the window before the firing once) {
  exec("INSERT INTO messages (sender_id, chat_id, created_at) VALUES"
       " ('11111111-1111-1111-1111-111111111111', gen_random_uuid(), "
       "'2024-01-01T01:00:00Z'),"
       " ('11111111-1111-1111-1111-111111111111', gen_random_uuid(), "
       "'2024-01-01T05:59:59Z'),"
       " ('22222222-2222-2222-2222-222222222222', gen_random_uuid(), "
       "'2024-01-01T03:00:00Z'),"
       " ('22222222-2222-2222-2222-222222222222', gen_random_uuid(), "
       "'2024-01-01T06:00:00Z')");
  exec("INSERT INTO stories (user_id, created_at) VALUES"
       " (gen_random_uuid(), '2024-01-01T02:00:00Z')");
  // 2024-01-01T06:00:05Z
  caf::timestamp fired{std::chrono::seconds{1704088805}};
  auto outcome = run("statistics", R"({"type":"statistics"})", fired);
  CAF_REQUIRE_EQUAL(outcome.status, job_status::completed);
  auto result = json::parse(outcome.result);
  CAF_CHECK_EQUAL(result["window_start"], "2024-01-01T00:00:00.000Z");
  CAF_CHECK_EQUAL(result["window_end"], "2024-01-01T06:00:00.000Z");
  CAF_CHECK_EQUAL(result["messages"], 3);
  CAF_CHECK_EQUAL(result["active_senders"], 2);
  CAF_CHECK_EQUAL(result["stories"], 1);
  auto again = run("statistics", "{}", fired);
  CAF_CHECK_EQUAL(again.status, job_status::completed);
  CAF_CHECK_EQUAL(count("SELECT count(*) FROM hub_statistics"), 1);
  CAF_CHECK_EQUAL(count("SELECT messages FROM hub_statistics"), 3);
}

CAF_TEST(maintenance runs vacuum analyze outside a transaction) {
  exec("INSERT INTO messages (sender_id, chat_id) SELECT gen_random_uuid(),"
       " gen_random_uuid() FROM generate_series(1, 50)");
  auto result = completed("database_maintenance",
                          R"({"type":"database_maintenance",)"
                          R"("data":{"operation":"vacuum_analyze"}})");
  CAF_CHECK_EQUAL(result["type"], "maintenance");
  CAF_CHECK_EQUAL(result["operation"], "vacuum_analyze");
  // ANALYZE updated the planner's statistics of the table.
  CAF_CHECK_EQUAL(count("SELECT reltuples::bigint FROM pg_class"
                        " WHERE relname = 'messages'"),
                  50);
}

CAF_TEST(the health check reports database and media store) {
  auto result = completed("health_check");
  CAF_CHECK_EQUAL(result["healthy"], true);
  CAF_CHECK_EQUAL(result["database"], "ok");
  CAF_CHECK_EQUAL(result["media_store"], "ok");
  CAF_CHECK_EQUAL(result["dead_jobs"], 0);
}

CAF_TEST(unusable jobs fail for good and database failures are retried) {
  auto unknown = run("everything");
  CAF_CHECK_EQUAL(unknown.status, job_status::fail);
  CAF_CHECK_EQUAL(unknown.error, "unknown cleanup type everything");
  auto bad = run("stories", R"({"data":{"older_than_hours":"soon"}})");
  CAF_CHECK_EQUAL(bad.status, job_status::fail);
  stop_pool();
  auto down = run("sessions");
  CAF_CHECK_EQUAL(down.status, job_status::retry);
  CAF_CHECK(down.error.rfind("database: ", 0) == 0);
}

CAF_TEST_FIXTURE_SCOPE_END()
