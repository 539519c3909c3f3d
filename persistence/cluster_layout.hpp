#pragma once

// Where an embedded PostgreSQL cluster lives for a given data directory.
// Pure: the checks that need the file system are done by the caller and
// passed in, so every rule here is tested on its own.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace switchboard::persistence {

struct cluster_layout {
  /// <data_dir>, or /var/lib/switchboard/<hash> when relocated.
  std::filesystem::path root;
  /// The cluster itself: <root>/pg.
  std::filesystem::path cluster_dir;
  /// The server's Unix socket directory: <root>/run, or /tmp/sb-pg-<hash>
  /// when that path would be too long for a socket.
  std::filesystem::path socket_dir;
  /// The server log written by pg_ctl: <root>/postgresql.log.
  std::filesystem::path log_file;
  /// Whether the cluster lives outside the data directory.
  bool relocated = false;
};

/// Where clusters go whose data directory the server account cannot reach.
inline const std::filesystem::path relocation_root = "/var/lib/switchboard";

/// Unix socket paths must stay below this length (sun_path is 108 bytes).
constexpr std::size_t max_socket_path = 100;

/// 12 hex digits of the FNV-1a hash of `text`: stable across builds and
/// runs, so every process finds the same place for the same data_dir.
std::string short_hash(std::string_view text);

/// Plans the layout for the absolute `data_dir`. `server_can_traverse` says
/// whether the account that runs the server can reach `data_dir`.
cluster_layout plan_cluster_layout(const std::filesystem::path& data_dir,
                                   bool server_can_traverse, uint16_t port);

} // namespace switchboard::persistence
