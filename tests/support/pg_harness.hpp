#pragma once

// The one embedded PostgreSQL of a test binary. It starts on first use in a
// fresh directory under /tmp, is shared by every suite of the binary, and is
// stopped and removed when the process exits. Suites that need isolation
// take a fresh database; failure tests stop, start or kill the server.

#include <memory>
#include <string>
#include <sys/types.h>

#include "persistence/embedded_postgres.hpp"
#include "tests/support/temp_dir.hpp"

namespace switchboard::test {

class pg_harness {
 public:
  /// The shared server, started on the first call.
  static pg_harness& get();

  ~pg_harness();

  persistence::embedded_postgres& server() {
    return *server_;
  }

  /// Connection string of the `switchboard` database.
  std::string conninfo() const;

  /// Creates a new, empty database named `<prefix>_<n>`; returns its
  /// connection string.
  std::string fresh_database(const std::string& prefix);

  void stop();

  void start();

  /// stop(), then start().
  void restart();

  /// Kills the postmaster with SIGKILL (as a crash would) and waits until it
  /// is gone; returns its pid.
  pid_t kill_postmaster();

  /// The temporary directory holding everything of this harness.
  const std::string& root() const {
    return dir_.path();
  }

 private:
  pg_harness();

  /// Stops the server when the test binary dies of an uncaught exception.
  static void on_terminate();

  temp_dir dir_;
  std::unique_ptr<persistence::embedded_postgres> server_;
  int databases_ = 0;
};

} // namespace switchboard::test
