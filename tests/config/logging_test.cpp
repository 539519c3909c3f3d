#define CAF_SUITE config.logging
#include <nlohmann/json.hpp>
#include <regex>
#include <spdlog/spdlog.h>

#include "caf/test/unit_test.hpp"

#include "runtime/logging/logging.hpp"
#include "tests/config/fixtures.hpp"

using namespace switchboard;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Logging goes to a fresh directory; spdlog's global state is restored
// afterwards so suites that run later see a plain default logger.
struct fixture {
  test::temp_dir dir;
  log_settings settings;

  fixture() {
    settings.dir = (dir.path() / "logs").string();
  }

  ~fixture() {
    teardown_logging();
  }

  std::string combined() {
    flush_logging();
    return test::read_text(dir.path() / "logs" / "combined.log");
  }

  std::string errors() {
    flush_logging();
    return test::read_text(dir.path() / "logs" / "error.log");
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(logging_tests, fixture)

CAF_TEST(setup creates the directory and both files) {
  setup_logging(settings);
  CAF_CHECK(std::filesystem::is_directory(settings.dir));
  CAF_CHECK(std::filesystem::exists(dir.path() / "logs" / "combined.log"));
  CAF_CHECK(std::filesystem::exists(dir.path() / "logs" / "error.log"));
  CAF_CHECK_EQUAL(spdlog::default_logger()->name(), default_logger_name);
}

CAF_TEST(info goes to combined only and error to both) {
  setup_logging(settings);
  spdlog::info("an info line");
  spdlog::error("an error line");
  CAF_CHECK(contains(combined(), "an info line"));
  CAF_CHECK(contains(combined(), "an error line"));
  CAF_CHECK(!contains(errors(), "an info line"));
  CAF_CHECK(contains(errors(), "an error line"));
}

CAF_TEST(the level filter drops what is below it) {
  settings.level = "info";
  setup_logging(settings);
  spdlog::debug("a debug line");
  spdlog::info("an info line");
  CAF_CHECK(!contains(combined(), "a debug line"));
  CAF_CHECK(contains(combined(), "an info line"));
}

CAF_TEST(text lines carry time level logger and message) {
  setup_logging(settings);
  spdlog::warn("careful {}", 42);
  flush_logging();
  auto lines = test::read_lines(dir.path() / "logs" / "combined.log");
  CAF_REQUIRE_EQUAL(lines.size(), 1u);
  std::regex shape{R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z )"
                   R"(\[warn\] \[switchboard\] careful 42)"};
  CAF_CHECK(std::regex_match(lines[0], shape));
}

CAF_TEST(json lines parse and carry every field) {
  settings.format = "json";
  setup_logging(settings);
  std::string tricky = "quote \" backslash \\ newline \n tab \t caf\xc3\xa9";
  spdlog::info("{}", tricky);
  logger("http")->warn("from http");
  spdlog::error("bad byte \xff here");
  flush_logging();
  auto lines = test::read_lines(dir.path() / "logs" / "combined.log");
  CAF_REQUIRE_EQUAL(lines.size(), 3u);
  std::regex rfc3339{R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"};
  for (const auto& line : lines) {
    auto object = nlohmann::json::parse(line);
    CAF_CHECK(std::regex_match(object.at("ts").get<std::string>(), rfc3339));
    CAF_CHECK(object.contains("level") && object.contains("logger")
              && object.contains("msg"));
  }
  auto first = nlohmann::json::parse(lines[0]);
  CAF_CHECK_EQUAL(first.at("msg").get<std::string>(), tricky);
  CAF_CHECK_EQUAL(first.at("level").get<std::string>(), "info");
  CAF_CHECK_EQUAL(first.at("logger").get<std::string>(), "switchboard");
  auto second = nlohmann::json::parse(lines[1]);
  CAF_CHECK_EQUAL(second.at("level").get<std::string>(), "warn");
  CAF_CHECK_EQUAL(second.at("logger").get<std::string>(), "http");
  auto third = nlohmann::json::parse(errors());
  CAF_CHECK_EQUAL(third.at("msg").get<std::string>(),
                  "bad byte \xef\xbf\xbd here");
}

CAF_TEST(named loggers share the sinks even when made before setup) {
  auto early = logger("early");
  setup_logging(settings);
  early->error("from early");
  logger("late")->info("from late");
  CAF_CHECK_EQUAL(logger("late"), logger("late"));
  CAF_CHECK(contains(combined(), "[early] from early"));
  CAF_CHECK(contains(errors(), "[early] from early"));
  CAF_CHECK(contains(combined(), "[late] from late"));
}

CAF_TEST(files rotate at max_file_bytes) {
  settings.max_file_bytes = 300;
  settings.max_files = 2;
  setup_logging(settings);
  for (int i = 0; i < 20; ++i)
    spdlog::info("line number {} with some padding to fill the file", i);
  flush_logging();
  auto logs = dir.path() / "logs";
  CAF_CHECK(std::filesystem::exists(logs / "combined.1.log"));
  CAF_CHECK(std::filesystem::exists(logs / "combined.2.log"));
  CAF_CHECK(!std::filesystem::exists(logs / "combined.3.log"));
  CAF_CHECK_LESS_OR_EQUAL(std::filesystem::file_size(logs / "combined.log"),
                          300u);
  CAF_CHECK(contains(combined(), "line number 19 "));
}

CAF_TEST(invalid settings throw and change nothing) {
  settings.format = "xml";
  CAF_CHECK_EQUAL(test::error_of<logging_error>([&] {
                    setup_logging(settings);
                  }),
                  "logging: unknown format \"xml\"");
  CAF_CHECK(!std::filesystem::exists(settings.dir));
  settings.format = "text";
  test::temp_dir other;
  settings.dir = other.write("a-file", "") + "/logs";
  auto message = test::error_of<logging_error>([&] {
    setup_logging(settings);
  });
  CAF_CHECK_EQUAL(message.rfind("logging: cannot create directory ", 0), 0u);
}

CAF_TEST(teardown restores a console default logger) {
  setup_logging(settings);
  teardown_logging();
  CAF_REQUIRE(spdlog::default_logger() != nullptr);
  CAF_CHECK_EQUAL(spdlog::default_logger()->name(), "");
  CAF_CHECK(spdlog::get(default_logger_name) == nullptr);
  spdlog::info("after teardown");
  CAF_CHECK(!contains(test::read_text(dir.path() / "logs" / "combined.log"),
                      "after teardown"));
}

CAF_TEST_FIXTURE_SCOPE_END()
