#include "io/media/tool_run.hpp"

#include <cstdio>
#include <fstream>
#include <iterator>

#include "persistence/child_process.hpp"

namespace switchboard::io::media {

namespace {

constexpr const char* timeout_program = "/usr/bin/timeout";
// timeout(1) exits 124 when the limit hit and the tool obeyed SIGTERM, and
// 128 + 9 when it had to be killed.
constexpr int timed_out_code = 124;
constexpr int killed_code = 137;
constexpr size_t tail_bytes = 400;

std::string seconds_text(std::chrono::milliseconds limit) {
  auto ms = limit.count() < 1 ? 1 : limit.count();
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%lld.%03llds",
                static_cast<long long>(ms / 1000),
                static_cast<long long>(ms % 1000));
  return buf;
}

std::string read_and_remove(const std::string& path) {
  std::string text;
  {
    std::ifstream in{path, std::ios::binary};
    if (in) text.assign(std::istreambuf_iterator<char>{in}, {});
  }
  std::remove(path.c_str());
  return text;
}

bool is_blank(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

std::string tail_of(const std::string& text, size_t max_bytes) {
  auto end = text.size();
  while (end > 0 && is_blank(text[end - 1]))
    --end;
  auto start = end > max_bytes ? end - max_bytes : 0;
  if (start > 0) {
    auto newline = text.find('\n', start);
    if (newline != std::string::npos && newline + 1 < end) start = newline + 1;
  }
  while (start < end && is_blank(text[start]))
    ++start;
  return text.substr(start, end - start);
}

tool_result run_tool(const std::vector<std::string>& argv,
                     std::chrono::milliseconds limit,
                     const std::string& log_path) {
  std::vector<std::string> command{timeout_program, "--kill-after=2s",
                                   seconds_text(limit)};
  command.insert(command.end(), argv.begin(), argv.end());
  persistence::child_options opts;
  opts.output_path = log_path;
  tool_result result;
  result.exit_code = persistence::run_child(command, opts);
  result.timed_out
      = result.exit_code == timed_out_code || result.exit_code == killed_code;
  result.output_tail = tail_of(read_and_remove(log_path), tail_bytes);
  return result;
}

} // namespace switchboard::io::media
