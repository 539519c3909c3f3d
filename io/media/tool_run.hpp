#pragma once

// Runs a media tool (ffmpeg, ffprobe) as a child process with a wall-clock
// limit. The limit is enforced by coreutils timeout(1) around the tool
// (SIGTERM at the limit, SIGKILL 2 s later), on top of
// persistence/child_process (fork/exec with a clean environment). Blocking:
// call it from a thread of its own (actors/queues/blocking_handler).

#include <chrono>
#include <string>
#include <vector>

namespace switchboard::io::media {

struct tool_result {
  /// The tool's exit code (128 + n when signal n ended it).
  int exit_code = 0;
  /// The limit ended the run.
  bool timed_out = false;
  /// The last lines of the tool's output (stderr and stdout), for errors.
  std::string output_tail;

  bool ok() const {
    return exit_code == 0 && !timed_out;
  }
};

/// The last `max_bytes` of `text`, cut at a line start when one is near,
/// with blank space trimmed. Pure.
std::string tail_of(const std::string& text, size_t max_bytes);

/// Runs `argv` (argv[0] an absolute path) for at most `limit`; its output
/// goes to `log_path`, which is read for the tail and removed.
tool_result run_tool(const std::vector<std::string>& argv,
                     std::chrono::milliseconds limit,
                     const std::string& log_path);

} // namespace switchboard::io::media
