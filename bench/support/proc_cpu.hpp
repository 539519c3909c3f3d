#pragma once

// CPU time of other processes from /proc (Linux): the simulator child and
// the PostgreSQL server of a benchmark, reported apart from the node's own.

#include <string>
#include <sys/types.h>

namespace switchboard::bench {

/// User plus system CPU seconds of process `pid` so far (0 when gone).
double process_cpu_seconds(pid_t pid);

/// The same for `root` and its direct children (a postmaster and its
/// backends; backends that exited are not counted).
double process_tree_cpu_seconds(pid_t root);

/// The postmaster's pid of the server at `conninfo` (from postmaster.pid in
/// its data directory); -1 when it cannot be read.
pid_t postmaster_pid(const std::string& conninfo);

} // namespace switchboard::bench
