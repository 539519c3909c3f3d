#pragma once

// The polling manager: a child of the polling supervisor (published under
// polling_manager_atom) that owns the pollers' lifecycle and answers the
// operations of issue 3. Pollers are children of the same supervisor, named
// poll-{accountId} (one per account; the supervisor's spawn is idempotent,
// and it restarts a crashed poller with backoff).
//
//   on start                     load the active polled accounts page by
//                                page (with their tokens) and spawn each
//                                page's pollers with their rows, so a
//                                poller started this way makes no query of
//                                its own (first polls spread, see
//                                first_poll_policy)
//   (acc_conn, account_connection)    -> connected_account   connect + poller
//                                     (a running poller is handed the new
//                                     token and interval)
//   (acc_disc, id)                    -> bool   found; the poller stops
//   (poll_now, id)                    -> bool   false: no poller for id
//   (poll_retry, failure id)          -> poll_failure   then polls its account
//   (poll_stats)                      -> polling_stats
//   (poll_evt, poller_event)          a poller's report

#include <caf/event_based_actor.hpp>
#include <caf/fwd.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/polling/poller_deps.hpp"
#include "actors/polling/polling_metrics.hpp"
#include "actors/polling/polling_stats_table.hpp"
#include "messages/supervision.hpp"

namespace switchboard::polling {

struct manager_deps {
  poller_deps_ptr pollers;
  /// The template of every poller (transient children). Its start_with
  /// takes a polling_account (preloaded_account_poller) and, given an
  /// empty argument, starts a poller that loads its own row.
  child_template_ptr poller_template;
  prometheus::Registry* metrics = nullptr;
  /// How long the manager waits for the database and the supervisor.
  caf::timespan timeout = std::chrono::seconds{10};
  /// Accounts loaded per database page on start.
  size_t load_page = 1000;
};

struct manager_state {
  static inline const char* name = "polling_manager";
  std::shared_ptr<const manager_deps> deps;
  supervisor_actor supervisor;
  polling_stats_table table;
  std::unique_ptr<polling_metrics> metrics;
  /// Pollers spawned by the start-up load.
  uint64_t loaded = 0;
  /// Accounts the start-up load has read so far.
  uint64_t load_seen = 0;
  /// The start-up load continues after this account id.
  std::string load_after;
};

using manager_actor_ptr = caf::stateful_actor<manager_state>*;

/// `supervisor` is the polling supervisor the pollers live under.
caf::behavior polling_manager(manager_actor_ptr self,
                              supervisor_actor supervisor,
                              std::shared_ptr<const manager_deps> deps);

} // namespace switchboard::polling
