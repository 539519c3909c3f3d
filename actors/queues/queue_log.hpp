#pragma once

// The logger of the queues: spdlog's "queues" logger when the runtime
// registered one, else the default logger.

#include <memory>
#include <spdlog/spdlog.h>

namespace switchboard {

inline std::shared_ptr<spdlog::logger> queue_log() {
  if (auto named = spdlog::get("queues")) return named;
  return spdlog::default_logger();
}

} // namespace switchboard
