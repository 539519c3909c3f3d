#include "io/media/pipeline_support.hpp"

#include <sys/stat.h>

#include "io/media/tool_failure.hpp"

namespace switchboard::io::media {

using std::chrono::milliseconds;

std::string source_path(const media_spec& spec, const media_settings& settings,
                        const directory_store& store) {
  auto path = store.path_of(spec.source_key);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    throw media_error("source " + spec.source_key + " not found", true);
  if (static_cast<uint64_t>(st.st_size) > settings.max_input_bytes)
    throw media_error("source " + spec.source_key + " exceeds "
                          + std::to_string(settings.max_input_bytes) + " bytes",
                      true);
  return path;
}

tool_budget::tool_budget(milliseconds total)
    : start_(std::chrono::steady_clock::now()), total_(total) {
}

milliseconds tool_budget::left(milliseconds cap) const {
  auto left
      = remaining_budget(start_, total_, std::chrono::steady_clock::now());
  return std::min(left, cap);
}

void run_stage(const std::string& stage, const argv_t& argv,
               const directory_store& store, const tool_budget& budget) {
  auto limit = budget.left(milliseconds::max());
  auto run = run_tool(argv, limit, store.scratch_path(".log"));
  if (!run.ok()) throw tool_failure(stage, run, limit);
}

media_info probe_stage(const std::string& path, const std::string& what,
                       const media_settings& settings,
                       const directory_store& store,
                       const tool_budget& budget) {
  auto limit = budget.left(milliseconds{settings.probe_timeout_ms});
  auto probed
      = probe_file(settings.ffprobe_path, path, store.scratch_path(""), limit);
  if (probed.run.timed_out)
    throw tool_failure("ffprobe " + what, probed.run, limit);
  if (!probed.run.ok() || !probed.info)
    throw media_error(
        what + " is not a readable media file: " + probed.run.output_tail,
        true);
  return *probed.info;
}

uint64_t file_bytes(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

} // namespace switchboard::io::media
