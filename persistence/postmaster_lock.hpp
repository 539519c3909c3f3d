#pragma once

// PostgreSQL's lock files (postmaster.pid in the cluster, .s.PGSQL.<port>.lock
// beside the socket) name the process that holds the cluster. A killed
// server leaves them behind, and its pid may by now belong to a zombie or to
// an unrelated process, which makes the server refuse to start; these
// helpers tell a stale lock from a live server.

#include <filesystem>
#include <optional>
#include <sys/types.h>

namespace switchboard::persistence {

/// The pid on the first line of a lock file, if the file exists and has one.
std::optional<pid_t> lock_file_pid(const std::filesystem::path& file);

/// Whether `pid` is a running (not zombie) process named "postgres".
bool is_live_postgres(pid_t pid);

/// Removes `file` if no live postgres holds it. Returns the pid of the live
/// server that does, if one does.
std::optional<pid_t> clear_stale_lock(const std::filesystem::path& file);

} // namespace switchboard::persistence
