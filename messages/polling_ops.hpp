#pragma once

// Messages between account pollers, the polling manager and the routes
// (issue 3 operations): what a poller reports, and the stats the manager
// keeps (the seed's getPollingStats plus per-platform figures).

#include <cstdint>
#include <string>
#include <vector>

#include <caf/atom.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/type_id.hpp>

namespace switchboard {

/// Where a poller is (the seed's job states).
enum class poller_phase : uint8_t {
  /// Waiting for its next regular poll.
  waiting,
  /// A poll is in flight.
  active,
  /// Waiting for a retry, a rate-limit reset or a server-error delay.
  delayed,
  /// needs_reauth: no more requests.
  parked,
  /// Gone (disconnected or stopped).
  stopped,
};

/// What ended a poll, if anything.
enum class poll_outcome : uint8_t {
  none,
  completed,
  /// Retries used up: recorded as failed.
  failed,
  rate_limited,
  server_error,
  parked,
};

inline std::string to_string(poller_phase x) {
  static const char* names[]
      = {"waiting", "active", "delayed", "parked", "stopped"};
  return names[static_cast<uint8_t>(x) % 5];
}

inline std::string to_string(poll_outcome x) {
  static const char* names[] = {"none",         "completed",    "failed",
                                "rate_limited", "server_error", "parked"};
  return names[static_cast<uint8_t>(x) % 6];
}

/// A poller's report to the manager, sent on every phase change.
struct poller_event {
  std::string account_id;
  std::string platform;
  poller_phase phase = poller_phase::waiting;
  poll_outcome outcome = poll_outcome::none;
  /// New messages stored by a completed poll.
  uint32_t messages = 0;
  /// From the start of the poll to its end (completed or failed).
  int64_t duration_us = 0;
  /// active: how late the timer that started the poll fired (0 for "poll
  /// now" and retries).
  int64_t lateness_us = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, poller_event& x) {
  return f(caf::meta::type_name("poller_event"), x.account_id, x.platform,
           x.phase, x.outcome, x.messages, x.duration_us, x.lateness_us);
}

struct platform_poll_stats {
  std::string platform;
  uint64_t polls = 0;
  uint64_t rate_limit_hits = 0;
  double avg_duration_ms = 0;
  double messages_per_poll = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, platform_poll_stats& x) {
  return f(caf::meta::type_name("platform_poll_stats"), x.platform, x.polls,
           x.rate_limit_hits, x.avg_duration_ms, x.messages_per_poll);
}

struct polling_stats {
  uint64_t waiting = 0;
  uint64_t active = 0;
  /// Polls completed since the node started.
  uint64_t completed = 0;
  /// Recorded failures not yet retried (poll_failures).
  uint64_t failed = 0;
  uint64_t delayed = 0;
  uint64_t parked = 0;
  std::vector<platform_poll_stats> platforms;
  /// Schedule lateness of recent regular polls (timer due -> poll start).
  double lateness_p50_ms = 0;
  double lateness_p99_ms = 0;
  double lateness_max_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, polling_stats& x) {
  return f(caf::meta::type_name("polling_stats"), x.waiting, x.active,
           x.completed, x.failed, x.delayed, x.parked, x.platforms,
           x.lateness_p50_ms, x.lateness_p99_ms, x.lateness_max_ms);
}

} // namespace switchboard

CAF_BEGIN_TYPE_ID_BLOCK(sb_pollops, caf::first_custom_type_id + 1350)

CAF_ADD_TYPE_ID(sb_pollops, (switchboard::poller_event))
CAF_ADD_TYPE_ID(sb_pollops, (switchboard::platform_poll_stats))
CAF_ADD_TYPE_ID(sb_pollops, (std::vector<switchboard::platform_poll_stats>))
CAF_ADD_TYPE_ID(sb_pollops, (switchboard::polling_stats))

/// A poller's report (poller_event) to the manager.
CAF_ADD_ATOM(sb_pollops, switchboard, poller_event_atom, "poll_evt")
/// (poll_stats_atom) -> polling_stats.
CAF_ADD_ATOM(sb_pollops, switchboard, poll_stats_atom, "poll_stats")
/// Registry key of the polling manager.
CAF_ADD_ATOM(sb_pollops, switchboard, polling_manager_atom, "poll_mgr")
/// A poller's retry of loading its account (internal).
CAF_ADD_ATOM(sb_pollops, switchboard, poller_load_atom, "poll_load")
/// Registry key of the pollers' batching writer (poll_store).
CAF_ADD_ATOM(sb_pollops, switchboard, poll_store_atom, "poll_store")
/// Registry key of the outbound HTTP client.
CAF_ADD_ATOM(sb_pollops, switchboard, http_client_atom, "http_cli")

CAF_END_TYPE_ID_BLOCK(sb_pollops)
