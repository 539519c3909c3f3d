#pragma once

// How one supervisor restarts its children.

#include <chrono>
#include <cstdint>
#include <string>

#include "runtime/supervision/backoff.hpp"
#include "runtime/supervision/restart_intensity.hpp"

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard {

/// Which children a restart affects.
enum class restart_strategy : uint8_t {
  /// Only the child that exited is restarted; siblings keep running.
  one_for_one,
  /// The child's siblings are stopped too and all are restarted together,
  /// in start order (temporary siblings are stopped and not restarted).
  one_for_all,
};

struct supervisor_options {
  /// Shown in logs, metrics and the escalation error; unique per node.
  std::string name = "supervisor";
  restart_strategy strategy = restart_strategy::one_for_one;
  /// Restart delay of a failed child: delay(backoff, consecutive failures of
  /// that child), where a failure-free period resets the count.
  backoff_policy backoff;
  /// Exceeded by one child: the supervisor stops all children and quits
  /// with errc::restart_intensity.
  restart_intensity intensity;
  /// On shutdown, children still alive after this long are killed.
  std::chrono::milliseconds shutdown_deadline{10000};
  /// When set: switchboard_supervisor_restarts_total{supervisor, kind} and
  /// switchboard_actors{kind} (live children). Must outlive the supervisor.
  prometheus::Registry* metrics = nullptr;
};

} // namespace switchboard
