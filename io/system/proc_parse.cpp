#include "io/system/proc_parse.hpp"

#include <charconv>
#include <vector>

namespace switchboard::io {

namespace {

std::vector<std::string_view> split_whitespace(std::string_view text) {
  std::vector<std::string_view> result;
  std::size_t i = 0;
  while (i < text.size()) {
    auto start = text.find_first_not_of(" \t\n", i);
    if (start == std::string_view::npos) break;
    auto end = text.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = text.size();
    result.push_back(text.substr(start, end - start));
    i = end;
  }
  return result;
}

template <class T>
std::optional<T> to_number(std::string_view text) {
  T value{};
  auto [end, ec]
      = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    return std::nullopt;
  return value;
}

/// The value of a "Key: value [kB]" or "key value" line, or nullopt.
std::optional<uint64_t> find_keyed(std::string_view text,
                                   std::string_view key) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    auto line
        = text.substr(pos, end == std::string_view::npos ? end : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    auto fields = split_whitespace(line);
    if (fields.size() >= 2 && fields[0] == key)
      return to_number<uint64_t>(fields[1]);
  }
  return std::nullopt;
}

} // namespace

std::optional<pid_stat> parse_pid_stat(std::string_view text) {
  auto open = text.find('(');
  auto close = text.rfind(')');
  if (open == std::string_view::npos || close == std::string_view::npos
      || close < open)
    return std::nullopt;
  auto head = split_whitespace(text.substr(0, open));
  auto pid = head.size() == 1 ? to_number<int64_t>(head[0]) : std::nullopt;
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  auto fields = split_whitespace(text.substr(close + 1));
  if (!pid || fields.size() < 22) return std::nullopt;
  auto field = [&](std::size_t n) {
    return to_number<uint64_t>(fields[n - 3]);
  };
  auto utime = field(14);
  auto stime = field(15);
  auto threads = field(20);
  auto start = field(22);
  auto vsize = field(23);
  auto rss = field(24);
  if (!utime || !stime || !threads || !start || !vsize || !rss)
    return std::nullopt;
  return pid_stat{*pid, *utime, *stime, *threads, *start, *vsize, *rss};
}

std::optional<uint64_t> parse_boot_time(std::string_view text) {
  return find_keyed(text, "btime");
}

std::optional<load_average> parse_loadavg(std::string_view text) {
  auto fields = split_whitespace(text);
  if (fields.size() < 3) return std::nullopt;
  auto one = to_number<double>(fields[0]);
  auto five = to_number<double>(fields[1]);
  auto fifteen = to_number<double>(fields[2]);
  if (!one || !five || !fifteen) return std::nullopt;
  return load_average{*one, *five, *fifteen};
}

std::optional<memory_info> parse_meminfo(std::string_view text) {
  constexpr uint64_t kib = 1024;
  auto total = find_keyed(text, "MemTotal:");
  if (!total) return std::nullopt;
  if (auto available = find_keyed(text, "MemAvailable:"))
    return memory_info{*total * kib, *available * kib};
  auto free = find_keyed(text, "MemFree:");
  auto buffers = find_keyed(text, "Buffers:");
  auto cached = find_keyed(text, "Cached:");
  if (!free || !buffers || !cached) return std::nullopt;
  return memory_info{*total * kib, (*free + *buffers + *cached) * kib};
}

process_stats to_process_stats(const pid_stat& stat, uint64_t boot_time,
                               uint64_t ticks_per_second, uint64_t page_size,
                               uint64_t open_fds, double now_seconds) {
  auto tps = static_cast<double>(ticks_per_second > 0 ? ticks_per_second : 100);
  process_stats result;
  result.pid = stat.pid;
  result.cpu_user_seconds = static_cast<double>(stat.utime_ticks) / tps;
  result.cpu_system_seconds = static_cast<double>(stat.stime_ticks) / tps;
  result.resident_memory_bytes = stat.rss_pages * page_size;
  result.virtual_memory_bytes = stat.vsize_bytes;
  result.threads = stat.num_threads;
  result.open_fds = open_fds;
  result.start_time_seconds = static_cast<double>(boot_time)
                              + static_cast<double>(stat.starttime_ticks) / tps;
  auto uptime = now_seconds - result.start_time_seconds;
  result.uptime_seconds = uptime > 0 ? uptime : 0;
  return result;
}

} // namespace switchboard::io
