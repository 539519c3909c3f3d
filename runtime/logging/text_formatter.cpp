#include "runtime/logging/text_formatter.hpp"

#include <spdlog/pattern_formatter.h>

#include "runtime/logging/level_names.hpp"

namespace switchboard {

namespace {

// %* prints the level as log.level spells it, not spdlog's "warning".
class level_flag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&,
              spdlog::memory_buf_t& dest) override {
    auto name = level_name(msg.level);
    dest.append(name.data(), name.data() + name.size());
  }

  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<level_flag>();
  }
};

} // namespace

std::unique_ptr<spdlog::formatter> make_text_formatter() {
  auto result = std::make_unique<spdlog::pattern_formatter>(
      spdlog::pattern_time_type::utc);
  result->add_flag<level_flag>('*');
  result->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ [%^%*%$] [%n] %v");
  return result;
}

} // namespace switchboard
