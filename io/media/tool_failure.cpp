#include "io/media/tool_failure.hpp"

#include <algorithm>
#include <array>

namespace switchboard::io::media {

namespace {

// What ffmpeg and ffprobe print for inputs they cannot read.
constexpr std::array<const char*, 5> input_error_marks{
    "Invalid data found when processing input",
    "moov atom not found",
    "could not find codec parameters",
    "Error while decoding",
    "does not contain any stream",
};

} // namespace

bool is_input_error(const std::string& output_tail) {
  return std::any_of(input_error_marks.begin(), input_error_marks.end(),
                     [&](const char* mark) {
                       return output_tail.find(mark) != std::string::npos;
                     });
}

media_error tool_failure(const std::string& stage, const tool_result& run,
                         std::chrono::milliseconds limit) {
  if (run.timed_out)
    return media_error(stage + " timed out after "
                           + std::to_string(limit.count()) + " ms",
                       false);
  if (is_input_error(run.output_tail))
    return media_error(stage + " failed: bad input: " + run.output_tail, true);
  return media_error(stage + " failed (exit " + std::to_string(run.exit_code)
                         + "): " + run.output_tail,
                     false);
}

std::chrono::milliseconds
remaining_budget(std::chrono::steady_clock::time_point start,
                 std::chrono::milliseconds budget,
                 std::chrono::steady_clock::time_point now) {
  auto spent
      = std::chrono::duration_cast<std::chrono::milliseconds>(now - start);
  return std::max(std::chrono::milliseconds{1}, budget - spent);
}

} // namespace switchboard::io::media
