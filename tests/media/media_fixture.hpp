#pragma once

// The media suites' world: a migrated fresh database with a pool, a media
// store in a temporary directory, inputs made by ffmpeg's lavfi sources and
// by libvips, and helpers to run one job attempt through a handler.

#include <chrono>
#include <pqxx/pqxx>
#include <string>

#include <caf/scoped_actor.hpp>

#include "config/config.hpp"
#include "io/media/directory_store.hpp"
#include "messages/queues.hpp"
#include "tests/support/pool_fixture.hpp"
#include "tests/support/temp_dir.hpp"

namespace switchboard::test {

struct media_fixture : pool_fixture {
  media_fixture();

  /// Creates and migrates the suite's database; returns its conninfo.
  std::string prepare_database();

  /// A message row with a random id; returns the id.
  std::string insert_message();

  /// Runs ffmpeg with `args` after "-y"; fails the test if it fails.
  void ffmpeg(const std::string& args);

  /// Writes a width x height image (format by the key's extension) into
  /// the store under `key`.
  void put_image(const std::string& key, int width, int height);

  /// A media job of `kind` for message `id` reading `key`.
  job media_job(const std::string& kind, const std::string& key,
                const std::string& id) const;

  /// One attempt through `handler`, as a pool would ask.
  job_outcome run(const job_handler_actor& handler, const job& x);

  /// Files in the store's scratch directory.
  size_t scratch_files() const;

  temp_dir dir{"media", 0755};
  media_settings settings;
  io::media::directory_store store{dir.path() + "/store"};
  pqxx::connection conn;
};

} // namespace switchboard::test
