#pragma once

// The logger of the persistence layer: spdlog's "database" logger when the
// runtime registered one, else the default logger.

#include <memory>
#include <spdlog/spdlog.h>

namespace switchboard::persistence {

inline std::shared_ptr<spdlog::logger> db_log() {
  if (auto named = spdlog::get("database")) return named;
  return spdlog::default_logger();
}

} // namespace switchboard::persistence
