#pragma once

// The figures /metrics/system and the process_* Prometheus series report,
// read from Linux's /proc. Parsing lives in proc_parse.hpp (pure, tested with
// sample text); this header is the reading side.

#include <cstdint>
#include <optional>

namespace switchboard::io {

/// This process.
struct process_stats {
  int64_t pid = 0;
  double cpu_user_seconds = 0;
  double cpu_system_seconds = 0;
  uint64_t resident_memory_bytes = 0;
  uint64_t virtual_memory_bytes = 0;
  uint64_t threads = 0;
  uint64_t open_fds = 0;
  /// Unix time (seconds) at which the process started.
  double start_time_seconds = 0;
  /// Seconds since the process started.
  double uptime_seconds = 0;
};

/// The machine.
struct system_stats {
  uint64_t cpu_count = 0;
  double load_1m = 0;
  double load_5m = 0;
  double load_15m = 0;
  uint64_t memory_total_bytes = 0;
  uint64_t memory_available_bytes = 0;
};

/// Reads /proc/self/stat, /proc/stat and /proc/self/fd; nullopt when /proc
/// is missing or unreadable.
std::optional<process_stats> read_process_stats();

/// Reads /proc/loadavg and /proc/meminfo; nullopt when unreadable.
std::optional<system_stats> read_system_stats();

} // namespace switchboard::io
