#include "persistence/postmaster_lock.hpp"

#include <cstdlib>
#include <fstream>
#include <string>

namespace switchboard::persistence {

namespace {

std::string read_line(const std::filesystem::path& file) {
  std::ifstream in{file};
  std::string line;
  std::getline(in, line);
  return line;
}

} // namespace

std::optional<pid_t> lock_file_pid(const std::filesystem::path& file) {
  auto line = read_line(file);
  char* end = nullptr;
  auto value = std::strtol(line.c_str(), &end, 10);
  if (end == line.c_str() || value == 0) return std::nullopt;
  // A single-user backend records its pid negated.
  return static_cast<pid_t>(std::labs(value));
}

bool is_live_postgres(pid_t pid) {
  // /proc/<pid>/stat: "<pid> (<comm>) <state> ..."
  auto stat = read_line("/proc/" + std::to_string(pid) + "/stat");
  auto open = stat.find('(');
  auto close = stat.rfind(')');
  if (open == std::string::npos || close == std::string::npos
      || close + 2 >= stat.size())
    return false;
  auto comm = stat.substr(open + 1, close - open - 1);
  auto state = stat[close + 2];
  return comm == "postgres" && state != 'Z' && state != 'X';
}

std::optional<pid_t> clear_stale_lock(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::nullopt;
  auto pid = lock_file_pid(file);
  if (pid && is_live_postgres(*pid)) return pid;
  std::filesystem::remove(file, ec);
  return std::nullopt;
}

} // namespace switchboard::persistence
