#pragma once

// How a failed ffmpeg or ffprobe run is reported and whether it is worth
// retrying. Pure.

#include <chrono>
#include <string>

#include "io/media/media_pipeline.hpp"
#include "io/media/tool_run.hpp"

namespace switchboard::io::media {

/// Whether the tool's output says the input itself is broken (invalid data,
/// missing index, undecodable stream): no retry will help.
bool is_input_error(const std::string& output_tail);

/// The error for a failed run of `stage` (e.g. "ffmpeg transcode"):
/// "<stage> timed out after N ms" (retried), "<stage> failed: bad input:
/// <tail>" (permanent) or "<stage> failed (exit N): <tail>" (retried).
media_error tool_failure(const std::string& stage, const tool_result& run,
                         std::chrono::milliseconds limit);

/// What is left of a time budget that started at `start` (at least 1 ms,
/// so a spent budget still means "time out at once").
std::chrono::milliseconds
remaining_budget(std::chrono::steady_clock::time_point start,
                 std::chrono::milliseconds budget,
                 std::chrono::steady_clock::time_point now);

} // namespace switchboard::io::media
