#include "runtime/logging/json_formatter.hpp"

#include <chrono>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <iterator>
#include <nlohmann/json.hpp>
#include <spdlog/details/log_msg.h>
#include <spdlog/details/os.h>
#include <string>

#include "runtime/logging/level_names.hpp"

namespace switchboard {

namespace {

// Escaping never throws: logging must not fail on a bad byte.
std::string quoted(spdlog::string_view_t text) {
  return nlohmann::json(std::string{text.data(), text.size()})
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string rfc3339_utc(spdlog::log_clock::time_point time) {
  using namespace std::chrono;
  auto seconds = time_point_cast<std::chrono::seconds>(time);
  auto millis = duration_cast<milliseconds>(time - seconds).count();
  auto tm = spdlog::details::os::gmtime(system_clock::to_time_t(seconds));
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", tm, millis);
}

} // namespace

void json_formatter::format(const spdlog::details::log_msg& msg,
                            spdlog::memory_buf_t& dest) {
  fmt::format_to(std::back_inserter(dest),
                 R"({{"ts":"{}","level":"{}","logger":{},"msg":{}}}{})",
                 rfc3339_utc(msg.time), level_name(msg.level),
                 quoted(msg.logger_name), quoted(msg.payload),
                 spdlog::details::os::default_eol);
}

std::unique_ptr<spdlog::formatter> json_formatter::clone() const {
  return std::make_unique<json_formatter>();
}

} // namespace switchboard
