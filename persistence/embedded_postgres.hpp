#pragma once

// A private PostgreSQL cluster for one node, used when no database.url is
// configured.
//
// Promises:
// - The cluster lives at <data_dir>/pg and is created once (initdb: UTF8,
//   locale C, a `switchboard` superuser, trust authentication on the Unix
//   socket only). The server listens on no TCP address, only on a private
//   socket directory (<data_dir>/run, or a short /tmp directory when that
//   path is too long for a socket).
// - Running as root, the cluster belongs to and runs as the `postgres`
//   account. If that account cannot reach data_dir, the cluster is placed at
//   /var/lib/switchboard/<hash of data_dir> instead (logged once); the
//   user's directories are never chmod-ed.
// - A lock file left by a killed server is removed before start; a live
//   server on the same cluster is an error (another node uses it).
// - start() leaves a running server with a database `switchboard`; stop()
//   (and the destructor, if this object started it) shuts it down fast.
// - Every failure throws std::runtime_error with one clear line; a failed
//   start includes the tail of the server log.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>

#include "persistence/child_process.hpp"
#include "persistence/cluster_layout.hpp"

namespace switchboard::persistence {

struct embedded_postgres_options {
  /// The node's data directory (created if missing).
  std::string data_dir;
  /// false skips fsync everywhere (tests only: a crash may lose data).
  bool durable = true;
  /// Used only when running as root.
  std::string server_account = "postgres";
  /// Names the socket file (.s.PGSQL.<port>); no TCP port is opened.
  uint16_t port = 5432;
  /// Server binaries; empty: the newest /usr/lib/postgresql/<version>/bin.
  std::string bin_dir;
  /// How long pg_ctl waits for the server to start or stop.
  std::chrono::seconds timeout{60};
};

class embedded_postgres {
 public:
  /// Resolves binaries and the layout; starts nothing.
  explicit embedded_postgres(embedded_postgres_options opts);

  embedded_postgres(const embedded_postgres&) = delete;
  embedded_postgres& operator=(const embedded_postgres&) = delete;

  /// Stops the server if this object started it; never throws.
  ~embedded_postgres();

  /// Creates the cluster if needed, starts the server and creates the
  /// database. A no-op when this object's server is already running.
  void start();

  /// Stops the server (fast shutdown: sessions are ended). A no-op when it
  /// is not running.
  void stop();

  /// stop(), then start().
  void restart();

  /// Whether a live server holds the cluster.
  bool running() const;

  /// The live server's pid, if any.
  std::optional<pid_t> postmaster_pid() const;

  /// libpq key=value string for the `switchboard` database.
  std::string conninfo() const;

  /// Same, for another database of this cluster.
  std::string conninfo(const std::string& dbname) const;

  const cluster_layout& layout() const {
    return layout_;
  }

 private:
  void prepare_directories();
  void init_cluster();
  void write_config();
  void clear_stale_locks();
  void start_server();
  void create_database();
  int run_tool(const std::string& tool, std::vector<std::string> args);
  void own(const std::filesystem::path& path);

  embedded_postgres_options opts_;
  std::filesystem::path bin_dir_;
  std::optional<unix_account> account_;
  cluster_layout layout_;
  std::filesystem::path tool_output_;
  bool started_ = false;
};

/// The newest /usr/lib/postgresql/<version>/bin holding pg_ctl; throws if
/// there is none.
std::filesystem::path find_postgres_bin_dir(const std::filesystem::path& base
                                            = "/usr/lib/postgresql");

/// Quotes a libpq key=value value when it needs it.
std::string conninfo_value(const std::string& value);

} // namespace switchboard::persistence
