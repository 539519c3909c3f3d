#pragma once

// A directory under /tmp that exists for the lifetime of the object. Every
// test directory is named /tmp/sb-test-* and records its owner's pid, so a
// later test run can remove what a crashed one left behind
// (reap_abandoned_test_dirs).

#include <string>

namespace switchboard::test {

class temp_dir {
 public:
  /// Creates /tmp/sb-test-<prefix>XXXXXX with `mode` (e.g. 0755, so the
  /// postgres account can reach it when tests run as root).
  temp_dir(const std::string& prefix, unsigned mode);

  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  /// Removes the directory and everything in it.
  ~temp_dir();

  const std::string& path() const {
    return path_;
  }

 private:
  std::string path_;
};

/// Stops the PostgreSQL servers of test directories whose owner process is
/// gone and removes those directories.
void reap_abandoned_test_dirs();

} // namespace switchboard::test
