#define CAF_SUITE io.proc_parse
#include "io/system/proc_parse.hpp"

#include "caf/test/unit_test.hpp"

using namespace switchboard::io;

namespace {

// A real /proc/self/stat line, with a command name that contains a space
// and a parenthesis to prove fields are counted from the last ')'.
constexpr const char* stat_text
    = "4242 (switch board) x) S 1 4242 4242 0 -1 4194560 2500 0 0 0 "
      "150 50 0 0 20 0 7 0 12000 123456789 2048 18446744073709551615 1 1 0 0 "
      "0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

constexpr const char* meminfo_text = "MemTotal:       16318668 kB\n"
                                     "MemFree:         1020304 kB\n"
                                     "MemAvailable:    8123456 kB\n"
                                     "Buffers:          204800 kB\n"
                                     "Cached:          4096000 kB\n";

constexpr const char* old_meminfo_text = "MemTotal:       1000 kB\n"
                                         "MemFree:         100 kB\n"
                                         "Buffers:          20 kB\n"
                                         "Cached:          300 kB\n";

} // namespace

CAF_TEST(pid stat fields are counted from the last parenthesis) {
  auto stat = parse_pid_stat(stat_text);
  CAF_REQUIRE(stat.has_value());
  CAF_CHECK_EQUAL(stat->pid, 4242);
  CAF_CHECK_EQUAL(stat->utime_ticks, 150u);
  CAF_CHECK_EQUAL(stat->stime_ticks, 50u);
  CAF_CHECK_EQUAL(stat->num_threads, 7u);
  CAF_CHECK_EQUAL(stat->starttime_ticks, 12000u);
  CAF_CHECK_EQUAL(stat->vsize_bytes, 123456789u);
  CAF_CHECK_EQUAL(stat->rss_pages, 2048u);
}

CAF_TEST(truncated or garbled pid stat is rejected) {
  CAF_CHECK(!parse_pid_stat("").has_value());
  CAF_CHECK(!parse_pid_stat("4242 (x) S 1 2 3").has_value());
  CAF_CHECK(!parse_pid_stat("4242 x S 1 2 3").has_value());
  std::string garbled = stat_text;
  garbled.replace(garbled.find(" 150 "), 5, " abc ");
  CAF_CHECK(!parse_pid_stat(garbled).has_value());
}

CAF_TEST(boot time comes from the btime line) {
  auto text = "cpu  1 2 3 4\ncpu0 1 2 3 4\nintr 5\nbtime 1700000000\n"
              "processes 99\n";
  CAF_CHECK_EQUAL(parse_boot_time(text).value_or(0), 1700000000u);
  CAF_CHECK(!parse_boot_time("cpu 1 2 3\n").has_value());
}

CAF_TEST(load averages parse) {
  auto load = parse_loadavg("0.52 1.25 2.00 1/467 12345\n");
  CAF_REQUIRE(load.has_value());
  CAF_CHECK_EQUAL(load->one, 0.52);
  CAF_CHECK_EQUAL(load->five, 1.25);
  CAF_CHECK_EQUAL(load->fifteen, 2.0);
  CAF_CHECK(!parse_loadavg("0.5 x").has_value());
}

CAF_TEST(meminfo reports bytes and prefers MemAvailable) {
  auto mem = parse_meminfo(meminfo_text);
  CAF_REQUIRE(mem.has_value());
  CAF_CHECK_EQUAL(mem->total_bytes, uint64_t{16318668} * 1024);
  CAF_CHECK_EQUAL(mem->available_bytes, uint64_t{8123456} * 1024);
  auto old = parse_meminfo(old_meminfo_text);
  CAF_REQUIRE(old.has_value());
  CAF_CHECK_EQUAL(old->available_bytes, (100u + 20 + 300) * 1024);
  CAF_CHECK(!parse_meminfo("MemFree: 1 kB\n").has_value());
}

CAF_TEST(kernel units convert to seconds and bytes) {
  auto stat = parse_pid_stat(stat_text);
  CAF_REQUIRE(stat.has_value());
  auto ps = to_process_stats(*stat, 1700000000, 100, 4096, 12,
                             1700000000.0 + 120.0 + 30.5);
  CAF_CHECK_EQUAL(ps.pid, 4242);
  CAF_CHECK_EQUAL(ps.cpu_user_seconds, 1.5);
  CAF_CHECK_EQUAL(ps.cpu_system_seconds, 0.5);
  CAF_CHECK_EQUAL(ps.resident_memory_bytes, 2048u * 4096);
  CAF_CHECK_EQUAL(ps.virtual_memory_bytes, 123456789u);
  CAF_CHECK_EQUAL(ps.threads, 7u);
  CAF_CHECK_EQUAL(ps.open_fds, 12u);
  CAF_CHECK_EQUAL(ps.start_time_seconds, 1700000120.0);
  CAF_CHECK_EQUAL(ps.uptime_seconds, 30.5);
}
