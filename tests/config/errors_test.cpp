#define CAF_SUITE config.errors
#include "caf/test/unit_test.hpp"

#include "config/config_loader.hpp"
#include "tests/config/fixtures.hpp"

using namespace switchboard;

namespace {

struct fixture {
  test::temp_dir dir;

  /// The error for a file holding `text`, with its path shown as FILE.
  std::string file_error(const std::string& text) {
    auto file = dir.write("sb.toml", text);
    auto message = test::error_of([&] {
      load_config(file, {});
    });
    for (auto at = message.find(file); at != std::string::npos;
         at = message.find(file))
      message.replace(at, file.size(), "FILE");
    return message;
  }

  std::string env_error(const std::string& name, const std::string& value) {
    return test::error_of([&] {
      load_config("", {{name, value}});
    });
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(error_tests, fixture)

CAF_TEST(invalid TOML names the file position) {
  auto message = file_error("[http]\nport = = 1\n");
  CAF_CHECK_EQUAL(message.rfind("config: FILE:2:", 0), 0u);
  CAF_CHECK_NOT_EQUAL(message.find(": invalid TOML: "), std::string::npos);
  CAF_CHECK_EQUAL(message.find('\n'), std::string::npos);
}

CAF_TEST(a missing file that was named is an error) {
  auto file = (dir.path() / "absent.toml").string();
  CAF_CHECK_EQUAL(test::error_of([&] {
                    load_config(file, {});
                  }),
                  "config: " + file
                      + ": cannot read: No such file or directory");
  CAF_CHECK_EQUAL(test::error_of([&] {
                    load_config(dir.path(), {});
                  }),
                  "config: " + dir.path().string()
                      + ": cannot read: is a directory");
}

CAF_TEST(unknown keys in the file name their line) {
  CAF_CHECK_EQUAL(file_error("[http]\nport = 1\nprot = 2\n"),
                  R"(config: FILE:3: unknown key "http.prot")");
  CAF_CHECK_EQUAL(file_error("datadir = \"x\"\n"),
                  R"(config: FILE:1: unknown key "datadir")");
  CAF_CHECK_EQUAL(file_error("\n[htp]\nport = 1\n"),
                  R"(config: FILE:2: unknown key "htp")");
  CAF_CHECK_EQUAL(file_error("[http.tls]\ncert = \"x\"\n"),
                  R"(config: FILE:1: unknown key "http.tls")");
}

CAF_TEST(a value of the wrong type in the file names key and line) {
  CAF_CHECK_EQUAL(
      file_error("[http]\nport = \"abc\"\n"),
      R"(config: http.port: expected an integer from 0 to 65535, got "abc" (from FILE:2))");
  CAF_CHECK_EQUAL(file_error("[http]\nport = 80.5\n"),
                  "config: http.port: expected an integer from 0 to 65535, got "
                  "80.5 (from FILE:2)");
  CAF_CHECK_EQUAL(
      file_error("[simulators]\nenabled = \"yes\"\n"),
      R"(config: simulators.enabled: expected true or false, got "yes" (from FILE:2))");
  CAF_CHECK_EQUAL(file_error("data_dir = [\"a\"]\n"),
                  "config: data_dir: expected a non-empty string, got an array "
                  "(from FILE:1)");
  CAF_CHECK_EQUAL(
      file_error("[log.level]\nx = 1\n"),
      "config: log.level: expected one of trace, debug, info, warn, error, "
      "got a table (from FILE:1)");
  CAF_CHECK_EQUAL(file_error("http = 5\n"),
                  "config: http: expected a table, got 5 (from FILE:1)");
}

CAF_TEST(out of range numbers are rejected from file and environment) {
  CAF_CHECK_EQUAL(
      file_error("[database]\npool_size = 0\n"),
      "config: database.pool_size: expected an integer from 1 to 1024, got 0 "
      "(from FILE:2)");
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_HTTP__PORT", "70000"),
      "config: http.port: expected an integer from 0 to 65535, got 70000 "
      "(from SWITCHBOARD_HTTP__PORT)");
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_INSPECT__PORT", "-1"),
      "config: inspect.port: expected an integer from 0 to 65535, got -1 "
      "(from SWITCHBOARD_INSPECT__PORT)");
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_SUPERVISION__BACKOFF_FACTOR", "0.5"),
      "config: supervision.backoff_factor: expected a number from 1 to 100, "
      "got 0.5 (from SWITCHBOARD_SUPERVISION__BACKOFF_FACTOR)");
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_SUPERVISION__BACKOFF_FACTOR", "nan"),
      "config: supervision.backoff_factor: expected a number from 1 to 100, "
      "got nan (from SWITCHBOARD_SUPERVISION__BACKOFF_FACTOR)");
}

CAF_TEST(text that is not a number or boolean is quoted) {
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_HTTP__PORT", "abc"),
      R"(config: http.port: expected an integer from 0 to 65535, got "abc" (from SWITCHBOARD_HTTP__PORT))");
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_HTTP__PORT", "80\n81"),
      R"(config: http.port: expected an integer from 0 to 65535, got "80\n81" (from SWITCHBOARD_HTTP__PORT))");
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_SIMULATORS__ENABLED", "yes"),
      R"(config: simulators.enabled: expected true or false, got "yes" (from SWITCHBOARD_SIMULATORS__ENABLED))");
}

CAF_TEST(invalid choices list the accepted values) {
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_LOG__LEVEL", "verbose"),
      R"(config: log.level: expected one of trace, debug, info, warn, error, got "verbose" (from SWITCHBOARD_LOG__LEVEL))");
  CAF_CHECK_EQUAL(
      file_error("[log]\nformat = \"xml\"\n"),
      R"(config: log.format: expected one of text, json, got "xml" (from FILE:2))");
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_SUPERVISION__BACKOFF_JITTER", "half"),
      R"(config: supervision.backoff_jitter: expected one of none, full, equal, got "half" (from SWITCHBOARD_SUPERVISION__BACKOFF_JITTER))");
}

CAF_TEST(required text may not be empty) {
  CAF_CHECK_EQUAL(
      env_error("SWITCHBOARD_LOG__DIR", ""),
      R"(config: log.dir: expected a non-empty string, got "" (from SWITCHBOARD_LOG__DIR))");
}

CAF_TEST(unknown SWITCHBOARD variables are errors) {
  CAF_CHECK_EQUAL(env_error("SWITCHBOARD_HTTP__PROT", "1"),
                  R"(config: SWITCHBOARD_HTTP__PROT: unknown key "http.prot")");
  CAF_CHECK_EQUAL(env_error("SWITCHBOARD_HTTP_PORT", "1"),
                  R"(config: SWITCHBOARD_HTTP_PORT: unknown key "http_port")");
  CAF_MESSAGE("the key must be in capitals, as the contract says");
  CAF_CHECK_EQUAL(env_error("SWITCHBOARD_http__port", "1"),
                  R"(config: SWITCHBOARD_http__port: unknown key "http.port")");
}

CAF_TEST(a base above its cap blames the key that was set) {
  CAF_CHECK_EQUAL(env_error("SWITCHBOARD_DATABASE__RECONNECT_BASE_MS", "9000"),
                  "config: database.reconnect_base_ms: expected at most "
                  "database.reconnect_cap_ms (5000), got 9000 "
                  "(from SWITCHBOARD_DATABASE__RECONNECT_BASE_MS)");
  CAF_CHECK_EQUAL(file_error("[supervision]\nbackoff_cap_ms = 10\n"),
                  "config: supervision.backoff_cap_ms: expected at least "
                  "supervision.backoff_base_ms (1000), got 10 (from FILE:2)");
}

CAF_TEST(secrets are never echoed in errors) {
  auto message = file_error("[http]\nadmin_token = 123456789\n");
  CAF_CHECK_EQUAL(message, "config: http.admin_token: expected a string, got "
                           "an integer (from FILE:2)");
}

CAF_TEST_FIXTURE_SCOPE_END()
