#pragma once

// The cleanup queue's job handler (seed 002 "Cleanup Queue" and cron's
// table: stories, sessions, messages, temp_files, prekeys, orphaned_media,
// maintenance (alias database_maintenance), statistics, stale_websockets,
// health_check). For each attempt it
//   1. plans the job (cleanup_plan.hpp): an unknown type or a bad payload
//      fails it for good;
//   2. sends the kind's work (cleanup_tasks.hpp) to the database actor as
//      one task;
//   3. answers completed with the result JSON (counts), or retry when the
//      database fails (every kind is safe to run again).

#include <string>

#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

#include "config/config.hpp"
#include "messages/database.hpp"
#include "messages/queues.hpp"

namespace switchboard::cleanup_jobs {

struct cleanup_handler_options {
  cleanup_settings settings;
  /// The media store's directory.
  std::string store_dir;
  /// Temporary files outside this directory are never deleted.
  std::string temp_root;
  /// How long one job's database task may take (below the queue's 2 min).
  caf::timespan db_timeout = std::chrono::seconds(110);
};

/// The handler options of a configuration: cleanup.temp_files_root or
/// <data_dir>/tmp; the media store of io/media/store_location.hpp.
cleanup_handler_options cleanup_options(const config& cfg);

job_handler_actor spawn_cleanup_handler(caf::actor_system& sys,
                                        cleanup_handler_options opts,
                                        database_actor db);

} // namespace switchboard::cleanup_jobs
