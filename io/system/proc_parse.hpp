#pragma once

// Pure parsers for the /proc files process_stats reads. Each takes a file's
// whole text and returns nullopt when the text is not what Linux writes,
// rather than guessing.

#include <cstdint>
#include <optional>
#include <string_view>

#include "io/system/process_stats.hpp"

namespace switchboard::io {

/// The fields of /proc/<pid>/stat that we report, in the kernel's units.
struct pid_stat {
  int64_t pid = 0;
  uint64_t utime_ticks = 0;     ///< field 14
  uint64_t stime_ticks = 0;     ///< field 15
  uint64_t num_threads = 0;     ///< field 20
  uint64_t starttime_ticks = 0; ///< field 22, clock ticks after boot
  uint64_t vsize_bytes = 0;     ///< field 23
  uint64_t rss_pages = 0;       ///< field 24
};

/// /proc/<pid>/stat. The command name (field 2) may contain spaces and
/// parentheses, so fields are counted from its last ')'.
std::optional<pid_stat> parse_pid_stat(std::string_view text);

/// The `btime` line of /proc/stat: boot time as Unix seconds.
std::optional<uint64_t> parse_boot_time(std::string_view text);

/// /proc/loadavg: the 1, 5 and 15 minute load averages.
struct load_average {
  double one = 0;
  double five = 0;
  double fifteen = 0;
};
std::optional<load_average> parse_loadavg(std::string_view text);

/// /proc/meminfo: MemTotal and MemAvailable in bytes. Kernels before 3.14
/// lack MemAvailable; then it is estimated as MemFree + Buffers + Cached.
struct memory_info {
  uint64_t total_bytes = 0;
  uint64_t available_bytes = 0;
};
std::optional<memory_info> parse_meminfo(std::string_view text);

/// Converts kernel units: `ticks_per_second` is sysconf(_SC_CLK_TCK),
/// `page_size` sysconf(_SC_PAGESIZE), `now_seconds` the Unix time now.
process_stats to_process_stats(const pid_stat& stat, uint64_t boot_time,
                               uint64_t ticks_per_second, uint64_t page_size,
                               uint64_t open_fds, double now_seconds);

} // namespace switchboard::io
