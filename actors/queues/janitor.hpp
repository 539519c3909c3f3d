#pragma once

// The node's queue janitor: every rescue_interval it takes back jobs whose
// locks expired (their worker died or hung: waiting again with the attempt
// counted, or dead), and every prune_interval it deletes completed jobs
// that finished more than `retention` ago. Both run once at start. Several
// nodes may each run one: both statements are safe to run concurrently.

#include <chrono>
#include <functional>

#include <caf/fwd.hpp>

#include "messages/database.hpp"
#include "messages/worker_pool.hpp"

namespace switchboard {

struct janitor_options {
  std::chrono::milliseconds rescue_interval{5000};
  std::chrono::milliseconds prune_interval{60000};
  std::chrono::milliseconds retention{86'400'000};
  /// The database actor, looked up for every request.
  std::function<database_actor()> database;
};

queue_janitor_actor spawn_queue_janitor(caf::actor_system& sys,
                                        janitor_options opts);

} // namespace switchboard
