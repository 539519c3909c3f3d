#pragma once

#include <memory>
#include <spdlog/formatter.h>

namespace switchboard {

/// Formats each message as one JSON object on one line:
/// {"ts":"2026-11-23T18:00:00.000Z","level":"info","logger":"http","msg":"..."}
/// ts is RFC 3339 in UTC with milliseconds; logger and msg are escaped as
/// JSON strings (invalid UTF-8 becomes U+FFFD), so a line never breaks.
class json_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg,
              spdlog::memory_buf_t& dest) override;

  std::unique_ptr<spdlog::formatter> clone() const override;
};

} // namespace switchboard
