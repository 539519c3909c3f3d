#pragma once

// Steps shared by the image, audio and video pipelines
// (io/media/media_pipeline.hpp). Internal to io/media.

#include <chrono>
#include <string>

#include "io/media/ffmpeg_args.hpp"
#include "io/media/media_pipeline.hpp"
#include "io/media/probe.hpp"

namespace switchboard::io::media {

/// The file of the job's upload; a permanent media_error when it is
/// missing or larger than settings.max_input_bytes.
std::string source_path(const media_spec& spec, const media_settings& settings,
                        const directory_store& store);

/// A job's time budget for its tool runs.
class tool_budget {
 public:
  explicit tool_budget(std::chrono::milliseconds total);

  /// What is left, at most `cap`.
  std::chrono::milliseconds left(std::chrono::milliseconds cap) const;

 private:
  std::chrono::steady_clock::time_point start_;
  std::chrono::milliseconds total_;
};

/// Runs one stage; throws tool_failure(stage, ...) when it fails.
void run_stage(const std::string& stage, const argv_t& argv,
               const directory_store& store, const tool_budget& budget);

/// Probes `path`; an unreadable input is a permanent error (`what` names
/// it: "input", "output").
media_info probe_stage(const std::string& path, const std::string& what,
                       const media_settings& settings,
                       const directory_store& store, const tool_budget& budget);

/// Size of a file in bytes (0 when missing).
uint64_t file_bytes(const std::string& path);

} // namespace switchboard::io::media
