#pragma once

// Runs a helper program (initdb, pg_ctl) to completion, optionally as
// another system account: PostgreSQL refuses to run as root, so a root
// process runs its tools as the `postgres` user.

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace switchboard::persistence {

/// A system account a child process can run as.
struct unix_account {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;
};

/// Looks `name` up in the user database.
std::optional<unix_account> find_account(const std::string& name);

struct child_options {
  /// Run as this account (the caller must be root); empty: as ourselves.
  std::optional<unix_account> as;
  /// The child's stdout and stderr are appended here; empty: /dev/null.
  std::string output_path;
};

/// Runs `argv` (argv[0] an absolute path) with a minimal environment
/// (PATH, LC_ALL=C) in "/", none of our file descriptors, and waits for it.
/// Returns the exit code, or 128 + signal number if a signal ended it.
/// Throws std::runtime_error if the child cannot be created.
int run_child(const std::vector<std::string>& argv, const child_options& opts);

} // namespace switchboard::persistence
