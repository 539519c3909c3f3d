#include "tests/support/temp_dir.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "persistence/embedded_postgres.hpp"
#include "persistence/postmaster_lock.hpp"

namespace fs = std::filesystem;

namespace switchboard::test {

namespace {

constexpr const char* owner_file = "owner.pid";

bool owner_alive(const fs::path& dir) {
  auto pid = persistence::lock_file_pid(dir / owner_file);
  if (!pid) {
    // Just created and not yet stamped, or not ours: leave young ones be.
    std::error_code ec;
    auto age = fs::file_time_type::clock::now() - fs::last_write_time(dir, ec);
    return ec || age < std::chrono::minutes(1);
  }
  return ::kill(*pid, 0) == 0;
}

void stop_server_in(const fs::path& dir) {
  if (!persistence::lock_file_pid(dir / "pg" / "postmaster.pid")) return;
  persistence::embedded_postgres_options opts;
  opts.data_dir = dir.string();
  persistence::embedded_postgres{opts}.stop();
}

} // namespace

temp_dir::temp_dir(const std::string& prefix, unsigned mode) {
  std::string pattern = "/tmp/sb-test-" + prefix + "XXXXXX";
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr)
    throw std::runtime_error("mkdtemp failed for " + pattern);
  path_ = buf.data();
  std::ofstream{fs::path{path_} / owner_file} << getpid() << "\n";
  chmod(path_.c_str(), mode);
}

temp_dir::~temp_dir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void reap_abandoned_test_dirs() {
  std::error_code ec;
  for (auto& entry : fs::directory_iterator{"/tmp", ec}) {
    auto name = entry.path().filename().string();
    if (name.rfind("sb-test-", 0) != 0 || owner_alive(entry.path())) continue;
    try {
      stop_server_in(entry.path());
    } catch (const std::exception&) {
      continue; // Keep what we could not stop, for a human to look at.
    }
    fs::remove_all(entry.path(), ec);
  }
}

} // namespace switchboard::test
