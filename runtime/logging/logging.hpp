#pragma once

// Process-wide logging with spdlog. After setup_logging, every component logs
// through spdlog's free functions (spdlog::info(...)) or through its own
// named logger from logger("http"); both write to the same three sinks:
//
//   console               every enabled level; coloured only on a terminal
//   <dir>/combined.log    every enabled level, rotating
//   <dir>/error.log       error and critical only, rotating
//
// Files rotate at log.max_file_bytes, keeping log.max_files old ones
// (combined.1.log is the newest). Lines are flushed at once from level error
// up and at least every second otherwise.

#include <memory>
#include <spdlog/logger.h>
#include <stdexcept>
#include <string>

#include "config/config.hpp"

namespace switchboard {

/// Thrown by setup_logging when the log directory or a log file cannot be
/// created or a setting is invalid; what() is one line starting "logging: ".
class logging_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The name of the default logger, used by spdlog::info(...) and friends.
inline constexpr const char* default_logger_name = "switchboard";

/// Creates the log directory and the sinks, installs the default logger, and
/// points every logger made so far at the new sinks with the configured level
/// and format (text: `<UTC time> [level] [logger] message`; json: one object
/// per line with ts, level, logger and msg). Call it once at startup, before
/// other threads log. Throws logging_error and then leaves logging unchanged.
void setup_logging(const log_settings& settings);

/// The logger called `name`, created on first use with the current sinks,
/// level and format. Thread-safe.
std::shared_ptr<spdlog::logger> logger(const std::string& name);

/// Writes out everything buffered by every logger.
void flush_logging();

/// Flushes, drops every logger (closing the files once no one holds them)
/// and stops the periodic flush. Afterwards spdlog::info(...) still works
/// and prints to the console, as before setup_logging.
void teardown_logging();

} // namespace switchboard
