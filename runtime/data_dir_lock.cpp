#include "runtime/data_dir_lock.hpp"

#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <sys/file.h>
#include <unistd.h>

namespace switchboard {

data_dir_lock::data_dir_lock(const std::string& data_dir) {
  std::filesystem::create_directories(data_dir);
  auto path = (std::filesystem::path{data_dir} / "node.lock").string();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) throw std::runtime_error("cannot open " + path);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw std::runtime_error("another switchboard node is using " + data_dir);
  }
}

data_dir_lock::~data_dir_lock() {
  ::close(fd_);
}

} // namespace switchboard
