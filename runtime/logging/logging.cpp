#include "runtime/logging/logging.hpp"

#include <chrono>
#include <mutex>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "runtime/logging/json_formatter.hpp"
#include "runtime/logging/level_names.hpp"
#include "runtime/logging/sinks.hpp"
#include "runtime/logging/text_formatter.hpp"

namespace switchboard {

namespace {

spdlog::level::level_enum level_of(const log_settings& settings) {
  if (auto level = parse_level(settings.level)) return *level;
  throw logging_error("logging: unknown level \"" + settings.level + "\"");
}

std::unique_ptr<spdlog::formatter> formatter_of(const log_settings& settings) {
  if (settings.format == "text") return make_text_formatter();
  if (settings.format == "json") return std::make_unique<json_formatter>();
  throw logging_error("logging: unknown format \"" + settings.format + "\"");
}

// The registry mutex only guards single calls; this one makes
// "get or create" atomic for logger().
std::mutex logger_creation;

} // namespace

void setup_logging(const log_settings& settings) {
  // Everything that can fail comes first, so a failure changes nothing.
  auto level = level_of(settings);
  auto formatter = formatter_of(settings);
  auto sinks = make_sinks(settings);
  std::lock_guard<std::mutex> guard{logger_creation};
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& existing) {
    existing->sinks() = sinks;
  });
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      default_logger_name, sinks.begin(), sinks.end()));
  spdlog::set_formatter(std::move(formatter));
  spdlog::set_level(level);
  spdlog::flush_on(spdlog::level::err);
  spdlog::flush_every(std::chrono::seconds(1));
}

std::shared_ptr<spdlog::logger> logger(const std::string& name) {
  std::lock_guard<std::mutex> guard{logger_creation};
  if (auto existing = spdlog::get(name)) return existing;
  const auto& sinks = spdlog::default_logger()->sinks();
  auto result
      = std::make_shared<spdlog::logger>(name, sinks.begin(), sinks.end());
  // Applies the registry's formatter, level and flush level, and registers.
  spdlog::initialize_logger(result);
  return result;
}

void flush_logging() {
  spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& each) {
    each->flush();
  });
}

void teardown_logging() {
  flush_logging();
  std::lock_guard<std::mutex> guard{logger_creation};
  spdlog::shutdown();
  // Back to spdlog's own initial state: a plain console default logger.
  spdlog::set_formatter(std::make_unique<spdlog::pattern_formatter>());
  spdlog::set_level(spdlog::level::info);
  spdlog::flush_on(spdlog::level::off);
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(
      "", std::make_shared<spdlog::sinks::stdout_color_sink_mt>()));
}

} // namespace switchboard
