#define CAF_SUITE persistence.embedded_postgres
#include "persistence/embedded_postgres.hpp"

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <stdexcept>
#include <unistd.h>

#include "caf/test/unit_test.hpp"

#include "persistence/postmaster_lock.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/throws.hpp"

namespace fs = std::filesystem;
using namespace switchboard::persistence;
using switchboard::test::pg_harness;
using switchboard::test::temp_dir;
using switchboard::test::throws;

namespace {

std::string query1(const std::string& conninfo, const std::string& sql) {
  pqxx::connection conn{conninfo};
  pqxx::nontransaction tx{conn};
  return tx.exec1(sql)[0].as<std::string>();
}

void exec(const std::string& conninfo, const std::string& sql) {
  pqxx::connection conn{conninfo};
  pqxx::nontransaction tx{conn};
  tx.exec(sql);
}

bool can_connect(const std::string& conninfo) {
  return !throws<pqxx::broken_connection>([&] {
    pqxx::connection conn{conninfo};
  });
}

} // namespace

CAF_TEST(a new cluster is created once and started and stopped) {
  temp_dir dir{"own-", 0755};
  std::optional<pid_t> pid;
  {
    embedded_postgres_options opts;
    opts.data_dir = dir.path();
    opts.durable = false;
    embedded_postgres pg{opts};
    pg.start();
    CAF_CHECK(fs::exists(pg.layout().cluster_dir / "PG_VERSION"));
    CAF_CHECK(pg.running());
    CAF_CHECK_EQUAL(query1(pg.conninfo(), "SELECT current_database()"),
                    "switchboard");
    CAF_MESSAGE("a marker survives stop and start: initdb ran only once");
    exec(pg.conninfo(), "CREATE TABLE marker AS SELECT 42 AS answer");
    pg.stop();
    CAF_CHECK(!pg.running());
    CAF_CHECK(!can_connect(pg.conninfo()));
    pg.start();
    CAF_CHECK_EQUAL(query1(pg.conninfo(), "SELECT answer FROM marker"), "42");
    pid = pg.postmaster_pid();
    CAF_REQUIRE(pid);
  }
  CAF_MESSAGE("the destructor stopped the server it started");
  CAF_CHECK(!is_live_postgres(*pid));
}

CAF_TEST(the server listens on a private socket only) {
  auto& pg = pg_harness::get();
  auto conninfo = pg.conninfo();
  CAF_CHECK_EQUAL(query1(conninfo, "SHOW listen_addresses"), "");
  CAF_CHECK_EQUAL(query1(conninfo, "SHOW server_encoding"), "UTF8");
  CAF_CHECK_EQUAL(query1(conninfo, "SHOW lc_collate"), "C");
  CAF_CHECK_EQUAL(query1(conninfo, "SELECT rolsuper::text FROM pg_roles "
                                   "WHERE rolname = 'switchboard'"),
                  "true");
  auto version = query1(conninfo, "SHOW server_version_num");
  CAF_CHECK_GREATER_OR_EQUAL(std::stoi(version), 150000);
  auto layout = pg.server().layout();
  CAF_CHECK_EQUAL(layout.socket_dir.string(), pg.root() + "/run");
  CAF_CHECK(fs::exists(layout.socket_dir / ".s.PGSQL.5432"));
  CAF_CHECK_NOT_EQUAL(conninfo.find("host=" + layout.socket_dir.string()),
                      std::string::npos);
}

CAF_TEST(a stale postmaster pid from a killed server is cleared on start) {
  auto& pg = pg_harness::get();
  auto old_pid = pg.kill_postmaster();
  auto pid_file = pg.server().layout().cluster_dir / "postmaster.pid";
  CAF_CHECK(fs::exists(pid_file));
  CAF_CHECK(!pg.server().running());
  pg.start();
  CAF_CHECK(pg.server().running());
  auto new_pid = pg.server().postmaster_pid();
  CAF_REQUIRE(new_pid);
  CAF_CHECK_NOT_EQUAL(*new_pid, old_pid);
  CAF_CHECK_EQUAL(query1(pg.conninfo(), "SELECT 1"), "1");
}

CAF_TEST(a live server on the same cluster is refused) {
  auto& pg = pg_harness::get();
  embedded_postgres_options opts;
  opts.data_dir = pg.root();
  embedded_postgres second{opts};
  CAF_CHECK(second.running());
  // start() is a no-op only for the object that started the server.
  std::string message;
  try {
    second.start();
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  CAF_CHECK_NOT_EQUAL(message.find("another node"), std::string::npos);
  CAF_CHECK(pg.server().running());
}

CAF_TEST(a data directory the server account cannot reach is relocated) {
  if (geteuid() != 0) {
    CAF_MESSAGE("not root: the server runs as ourselves; nothing to check");
    return;
  }
  temp_dir closed{"closed-", 0700};
  embedded_postgres_options opts;
  opts.data_dir = closed.path() + "/data";
  embedded_postgres pg{opts};
  CAF_CHECK(pg.layout().relocated);
  CAF_CHECK_EQUAL(pg.layout().root.string(),
                  "/var/lib/switchboard/" + short_hash(opts.data_dir));
  auto mode = fs::status(closed.path()).permissions() & fs::perms::all;
  CAF_CHECK(mode == fs::perms::owner_all);
}

CAF_TEST(conninfo values are quoted when needed) {
  CAF_CHECK_EQUAL(conninfo_value("/tmp/x"), "/tmp/x");
  CAF_CHECK_EQUAL(conninfo_value("/tmp/a b"), "'/tmp/a b'");
  CAF_CHECK_EQUAL(conninfo_value("it's"), "'it\\'s'");
  CAF_CHECK_EQUAL(conninfo_value(""), "''");
}

CAF_TEST(lock files name their holder) {
  temp_dir dir{"lock-", 0700};
  auto file = fs::path{dir.path()} / "postmaster.pid";
  std::ofstream{file} << "999999999\n/some/dir\n";
  auto pid = lock_file_pid(file);
  CAF_REQUIRE(pid);
  CAF_CHECK_EQUAL(*pid, 999999999);
  CAF_CHECK(!is_live_postgres(999999999));
  CAF_CHECK(!is_live_postgres(getpid()));
  CAF_CHECK(!clear_stale_lock(file));
  CAF_CHECK(!fs::exists(file));
  CAF_CHECK(!lock_file_pid(file));
}
