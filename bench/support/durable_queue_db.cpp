#include "bench/support/durable_queue_db.hpp"

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

} // namespace

durable_queue_db::durable_queue_db()
    : dir_("bench", 0755), server_(durable_options(dir_.path())) {
  server_.start();
  conninfo_ = server_.conninfo();
  pqxx::connection conn{conninfo_};
  persistence::migrator::apply(conn, persistence::embedded_migrations());
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
