#include "bench/support/durable_queue_db.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "persistence/migrations.hpp"
#include "persistence/migrator.hpp"

namespace switchboard::bench {

namespace {

persistence::embedded_postgres_options durable_options(const std::string& dir) {
  persistence::embedded_postgres_options opts;
  opts.data_dir = dir;
  opts.durable = true;
  return opts;
}

bool statements_wanted() {
  auto flag = std::getenv("SB_BENCH_STATEMENTS");
  return flag && std::strcmp(flag, "1") == 0;
}

} // namespace

durable_queue_db::durable_queue_db()
    : dir_("bench", 0755), server_(durable_options(dir_.path())) {
  server_.start();
  conninfo_ = server_.conninfo();
  if (statements_wanted()) {
    {
      pqxx::connection conn{conninfo_};
      pqxx::nontransaction tx{conn};
      tx.exec0("ALTER SYSTEM SET shared_preload_libraries"
               " = 'pg_stat_statements'");
    }
    // The library loads only at the server's start.
    server_.stop();
    server_.start();
    pqxx::connection conn{conninfo_};
    pqxx::nontransaction tx{conn};
    tx.exec0("CREATE EXTENSION pg_stat_statements");
    tx.exec0("ALTER SYSTEM SET pg_stat_statements.track_planning = on");
    tx.exec("SELECT pg_reload_conf()");
    statements_ = true;
  }
  pqxx::connection conn{conninfo_};
  persistence::migrator::apply(conn, persistence::embedded_migrations());
}

void durable_queue_db::reset_statements() {
  if (!statements_) return;
  pqxx::connection conn{conninfo_};
  pqxx::nontransaction{conn}.exec("SELECT pg_stat_statements_reset()");
}

std::string durable_queue_db::statements(size_t top) {
  if (!statements_) return {};
  pqxx::connection conn{conninfo_};
  pqxx::nontransaction tx{conn};
  auto rows = tx.exec_params(
      "SELECT calls, mean_plan_time, mean_exec_time, rows,"
      " regexp_replace(left(query, 200), '\\s+', ' ', 'g')"
      " FROM pg_stat_statements"
      " ORDER BY total_plan_time + total_exec_time DESC LIMIT $1",
      top);
  std::string text = "statements (calls, mean plan ms, mean exec ms, rows):\n";
  for (auto row : rows) {
    char line[96];
    std::snprintf(line, sizeof line, "%8ld %7.3f %7.3f %9ld  ",
                  row[0].as<long>(), row[1].as<double>(), row[2].as<double>(),
                  row[3].as<long>());
    text += line + row[4].as<std::string>() + "\n";
  }
  return text;
}

durable_queue_db::~durable_queue_db() {
  server_.stop();
}

std::string durable_queue_db::durability() {
  pqxx::connection conn{conninfo_};
  pqxx::read_transaction tx{conn};
  std::string result;
  for (auto name : {"fsync", "synchronous_commit", "full_page_writes"}) {
    if (!result.empty()) result += ' ';
    result += std::string{name} + "="
              + tx.exec1(std::string{"SHOW "} + name)[0].as<std::string>();
  }
  return result;
}

} // namespace switchboard::bench
