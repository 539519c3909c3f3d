#pragma once

// One node per data directory: an exclusive flock on <data_dir>/node.lock,
// held for the life of the process and released by the kernel when the
// process dies, however it dies. Holding it proves that an embedded
// PostgreSQL still running in that directory was left by a killed node.

#include <string>

namespace switchboard {

class data_dir_lock {
 public:
  /// Takes the lock; throws std::runtime_error when another process holds it.
  explicit data_dir_lock(const std::string& data_dir);
  ~data_dir_lock();

  data_dir_lock(const data_dir_lock&) = delete;
  data_dir_lock& operator=(const data_dir_lock&) = delete;

 private:
  int fd_ = -1;
};

} // namespace switchboard
