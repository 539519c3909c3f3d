#define CAF_SUITE config.loader
#include <cstdlib>

#include "caf/test/unit_test.hpp"

#include "config/config_loader.hpp"
#include "tests/config/fixtures.hpp"

using namespace switchboard;

namespace {

struct fixture {
  test::temp_dir dir;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(loader_tests, fixture)

CAF_TEST(without file and environment every key has its default) {
  auto cfg = load_config("", {});
  CAF_CHECK_EQUAL(cfg.data_dir, "./var");
  CAF_CHECK_EQUAL(cfg.database.url, "");
  CAF_CHECK_EQUAL(cfg.database.pool_size, 4u);
  CAF_CHECK_EQUAL(cfg.http.bind, "127.0.0.1");
  CAF_CHECK_EQUAL(cfg.http.port, 8080);
  CAF_CHECK_EQUAL(cfg.http.max_body_bytes, 1024u * 1024u);
  CAF_CHECK_EQUAL(cfg.log.level, "info");
  CAF_CHECK_EQUAL(cfg.log.format, "text");
  CAF_CHECK_EQUAL(cfg.log.dir, "./logs");
  CAF_CHECK_EQUAL(cfg.supervision.backoff_factor, 2.0);
  CAF_CHECK_EQUAL(cfg.inspect.port, 4242);
  CAF_CHECK_EQUAL(cfg.simulators.enabled, true);
}

CAF_TEST(file values replace defaults of every type) {
  auto file = dir.write("sb.toml", R"(
data_dir = "/srv/sb"
[database]
url = "postgresql://db/sb"
pool_size = 8
[http]
port = 0
protect_monitoring = true
max_body_bytes = 2048
[log]
level = "debug"
format = "json"
[supervision]
backoff_factor = 3
backoff_jitter = "full"
[simulators]
enabled = false
)");
  auto cfg = load_config(file, {});
  CAF_CHECK_EQUAL(cfg.data_dir, "/srv/sb");
  CAF_CHECK_EQUAL(cfg.database.url, "postgresql://db/sb");
  CAF_CHECK_EQUAL(cfg.database.pool_size, 8u);
  CAF_CHECK_EQUAL(cfg.http.port, 0);
  CAF_CHECK_EQUAL(cfg.http.protect_monitoring, true);
  CAF_CHECK_EQUAL(cfg.http.max_body_bytes, 2048u);
  CAF_CHECK_EQUAL(cfg.log.level, "debug");
  CAF_CHECK_EQUAL(cfg.log.format, "json");
  // A TOML integer is accepted where a float is expected.
  CAF_CHECK_EQUAL(cfg.supervision.backoff_factor, 3.0);
  CAF_CHECK_EQUAL(cfg.supervision.backoff_jitter, "full");
  CAF_CHECK_EQUAL(cfg.simulators.enabled, false);
  CAF_MESSAGE("keys the file leaves out keep their defaults");
  CAF_CHECK_EQUAL(cfg.http.bind, "127.0.0.1");
  CAF_CHECK_EQUAL(cfg.database.queue_limit, 10000u);
}

CAF_TEST(dotted keys and inline tables work like sections) {
  auto file = dir.write("sb.toml", "http.port = 9000\n"
                                   "log = { level = \"warn\" }\n");
  auto cfg = load_config(file, {});
  CAF_CHECK_EQUAL(cfg.http.port, 9000);
  CAF_CHECK_EQUAL(cfg.log.level, "warn");
}

CAF_TEST(environment overrides the file) {
  auto file = dir.write("sb.toml", "[http]\nport = 9000\nbind = \"0.0.0.0\"\n");
  auto cfg
      = load_config(file, {{"SWITCHBOARD_HTTP__PORT", "9100"},
                           {"SWITCHBOARD_DATA_DIR", "/data"},
                           {"SWITCHBOARD_LOG__LEVEL", "error"},
                           {"SWITCHBOARD_HTTP__PROTECT_MONITORING", "1"},
                           {"SWITCHBOARD_SUPERVISION__BACKOFF_FACTOR", "1.5"}});
  CAF_CHECK_EQUAL(cfg.http.port, 9100);
  CAF_CHECK_EQUAL(cfg.http.bind, "0.0.0.0");
  CAF_CHECK_EQUAL(cfg.data_dir, "/data");
  CAF_CHECK_EQUAL(cfg.log.level, "error");
  CAF_CHECK_EQUAL(cfg.http.protect_monitoring, true);
  CAF_CHECK_EQUAL(cfg.supervision.backoff_factor, 1.5);
}

CAF_TEST(the last of repeated variables wins and others are ignored) {
  auto cfg = load_config("", {{"SWITCHBOARD_HTTP__PORT", "1"},
                              {"PATH", "/bin"},
                              {"SWITCHBOARD_HTTP__PORT", "2"}});
  CAF_CHECK_EQUAL(cfg.http.port, 2);
}

CAF_TEST(process_environment returns only SWITCHBOARD variables) {
  ::setenv("SWITCHBOARD_NODE__ID", "node-7", 1);
  auto env = process_environment();
  ::unsetenv("SWITCHBOARD_NODE__ID");
  auto cfg = load_config("", env);
  CAF_CHECK_EQUAL(cfg.node.id, "node-7");
  for (const auto& [name, value] : env)
    CAF_CHECK_EQUAL(name.rfind("SWITCHBOARD_", 0), 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()
