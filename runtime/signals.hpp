#pragma once

// SIGINT and SIGTERM become a graceful shutdown. The signals are blocked in
// every thread (call block_termination_signals() before any thread starts)
// and received by one watcher thread with sigwait, so no handler runs in an
// arbitrary thread and no actor is touched from a signal context.

#include <thread>

#include "runtime/shutdown_latch.hpp"

namespace switchboard {

/// Blocks SIGINT and SIGTERM in the calling thread and every thread it
/// starts afterwards, and ignores SIGPIPE (a peer closing a socket).
void block_termination_signals();

/// Waits for SIGINT or SIGTERM on its own thread and triggers `latch`.
class signal_watcher {
 public:
  explicit signal_watcher(shutdown_latch& latch);
  ~signal_watcher();

  signal_watcher(const signal_watcher&) = delete;
  signal_watcher& operator=(const signal_watcher&) = delete;

 private:
  std::thread thread_;
};

} // namespace switchboard
