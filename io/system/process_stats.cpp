#include "io/system/process_stats.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

#include "io/system/proc_parse.hpp"

namespace switchboard::io {

namespace {

std::optional<std::string> read_file(const char* path) {
  std::ifstream in{path, std::ios::binary};
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

uint64_t count_open_fds() {
  std::error_code ec;
  uint64_t count = 0;
  for (std::filesystem::directory_iterator i{"/proc/self/fd", ec}, end;
       !ec && i != end; i.increment(ec))
    ++count;
  // The iterator's own descriptor is listed while we count.
  return count > 0 ? count - 1 : 0;
}

double unix_now() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

uint64_t sysconf_or(int name, uint64_t fallback) {
  auto value = ::sysconf(name);
  return value > 0 ? static_cast<uint64_t>(value) : fallback;
}

} // namespace

std::optional<process_stats> read_process_stats() {
  auto stat_text = read_file("/proc/self/stat");
  auto boot_text = read_file("/proc/stat");
  if (!stat_text || !boot_text) return std::nullopt;
  auto stat = parse_pid_stat(*stat_text);
  auto boot_time = parse_boot_time(*boot_text);
  if (!stat || !boot_time) return std::nullopt;
  return to_process_stats(*stat, *boot_time, sysconf_or(_SC_CLK_TCK, 100),
                          sysconf_or(_SC_PAGESIZE, 4096), count_open_fds(),
                          unix_now());
}

std::optional<system_stats> read_system_stats() {
  auto load_text = read_file("/proc/loadavg");
  auto mem_text = read_file("/proc/meminfo");
  if (!load_text || !mem_text) return std::nullopt;
  auto load = parse_loadavg(*load_text);
  auto mem = parse_meminfo(*mem_text);
  if (!load || !mem) return std::nullopt;
  system_stats result;
  result.cpu_count
      = sysconf_or(_SC_NPROCESSORS_ONLN, std::thread::hardware_concurrency());
  result.load_1m = load->one;
  result.load_5m = load->five;
  result.load_15m = load->fifteen;
  result.memory_total_bytes = mem->total_bytes;
  result.memory_available_bytes = mem->available_bytes;
  return result;
}

} // namespace switchboard::io
