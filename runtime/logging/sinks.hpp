#pragma once

#include <spdlog/common.h>
#include <vector>

#include "config/config.hpp"

namespace switchboard {

/// The console sink, <dir>/combined.log and <dir>/error.log (error and up),
/// the files rotating per `settings`. Creates the directory. Throws
/// logging_error when the directory or a file cannot be created.
std::vector<spdlog::sink_ptr> make_sinks(const log_settings& settings);

} // namespace switchboard
