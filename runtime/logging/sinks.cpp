#include "runtime/logging/sinks.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include "runtime/logging/logging.hpp"

namespace switchboard {

namespace {

void make_log_directory(const std::filesystem::path& dir) {
  std::error_code err;
  std::filesystem::create_directories(dir, err);
  if (err)
    throw logging_error(fmt::format("logging: cannot create directory {}: {}",
                                    dir.string(), err.message()));
}

spdlog::sink_ptr rotating(const std::filesystem::path& file,
                          const log_settings& settings) {
  try {
    return std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
        file.string(), settings.max_file_bytes, settings.max_files);
  } catch (const spdlog::spdlog_ex& err) {
    throw logging_error(
        fmt::format("logging: cannot open {}: {}", file.string(), err.what()));
  }
}

} // namespace

std::vector<spdlog::sink_ptr> make_sinks(const log_settings& settings) {
  std::filesystem::path dir{settings.dir};
  make_log_directory(dir);
  // The colour sink's automatic mode colours only when stdout is a terminal.
  auto console = std::make_shared<spdlog::sinks::stdout_color_sink_mt>();
  auto combined = rotating(dir / "combined.log", settings);
  auto errors = rotating(dir / "error.log", settings);
  errors->set_level(spdlog::level::err);
  return {console, combined, errors};
}

} // namespace switchboard
