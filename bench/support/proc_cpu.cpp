#include "bench/support/proc_cpu.hpp"

#include <dirent.h>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <unistd.h>

namespace switchboard::bench {

namespace {

struct proc_stat {
  pid_t ppid = -1;
  double cpu = 0;
};

proc_stat read_stat(pid_t pid) {
  std::ifstream in{"/proc/" + std::to_string(pid) + "/stat"};
  std::string line;
  if (!std::getline(in, line)) return {};
  // The command name (field 2) may hold spaces: parse after its ')'.
  auto close = line.rfind(')');
  if (close == std::string::npos) return {};
  std::istringstream rest{line.substr(close + 2)};
  std::string field;
  proc_stat out;
  // Fields 3.. : state ppid pgrp session tty tpgid flags minflt cminflt
  // majflt cmajflt utime stime.
  unsigned long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 4) out.ppid = static_cast<pid_t>(std::stol(field));
    if (i == 14) utime = std::stoul(field);
    if (i == 15) stime = std::stoul(field);
  }
  out.cpu = static_cast<double>(utime + stime)
            / static_cast<double>(sysconf(_SC_CLK_TCK));
  return out;
}

} // namespace

double process_cpu_seconds(pid_t pid) {
  return pid > 0 ? read_stat(pid).cpu : 0.0;
}

double process_tree_cpu_seconds(pid_t root) {
  if (root <= 0) return 0;
  double total = read_stat(root).cpu;
  auto* dir = opendir("/proc");
  if (!dir) return total;
  while (auto* entry = readdir(dir)) {
    char* end = nullptr;
    auto pid = static_cast<pid_t>(std::strtol(entry->d_name, &end, 10));
    if (pid <= 0 || *end != '\0') continue;
    auto st = read_stat(pid);
    if (st.ppid == root) total += st.cpu;
  }
  closedir(dir);
  return total;
}

pid_t postmaster_pid(const std::string& conninfo) {
  try {
    pqxx::connection conn{conninfo};
    pqxx::read_transaction tx{conn};
    auto dir = tx.exec1("SHOW data_directory")[0].as<std::string>();
    std::ifstream in{dir + "/postmaster.pid"};
    long pid = -1;
    in >> pid;
    return static_cast<pid_t>(pid);
  } catch (const std::exception&) {
    return -1;
  }
}

} // namespace switchboard::bench
