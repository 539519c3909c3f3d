#include "tests/support/pool_fixture.hpp"

#include <algorithm>
#include <stdexcept>

#include <caf/after.hpp>
#include <caf/exit_reason.hpp>
#include <caf/send.hpp>

#include "messages/error.hpp"
#include "tests/support/pg_harness.hpp"

namespace switchboard::test {

persistence::pool_options test_pool_options(std::string conninfo,
                                            uint32_t size) {
  persistence::pool_options opts;
  opts.conninfo = std::move(conninfo);
  opts.settings.pool_size = size;
  opts.reconnect_delay = [](uint32_t attempt) -> caf::timespan {
    return std::chrono::milliseconds(std::min(20u * attempt, 200u));
  };
  return opts;
}

pool_fixture::pool_fixture() : sys(cfg), self(sys) {
  // nop
}

pool_fixture::~pool_fixture() {
  if (pool) caf::anon_send_exit(pool, caf::exit_reason::user_shutdown);
}

void pool_fixture::start_pool(persistence::pool_options opts) {
  auto size = opts.settings.pool_size;
  pool = persistence::spawn_database_pool(sys, std::move(opts));
  auto up = wait_for_stats(
      [=](const db_pool_stats& s) {
        return s.connected == size;
      },
      std::chrono::seconds(10));
  if (!up) throw std::runtime_error("pool_fixture: the pool did not connect");
}

void pool_fixture::stop_pool() {
  self->monitor(pool);
  caf::anon_send_exit(pool, caf::exit_reason::user_shutdown);
  bool down = false;
  self->receive(
      [&](caf::down_msg&) {
        down = true;
      },
      caf::after(std::chrono::seconds(10)) >> [] {});
  if (!down) throw std::runtime_error("pool_fixture: the pool did not stop");
  pool = nullptr;
}

db_pool_stats pool_fixture::stats() {
  db_pool_stats result;
  bool answered = false;
  self->request(pool, std::chrono::seconds(5), caf::get_atom_v, stats_atom_v)
      .receive(
          [&](db_pool_stats& s) {
            result = s;
            answered = true;
          },
          [&](caf::error&) {});
  if (!answered)
    throw std::runtime_error("pool_fixture: no stats from the pool");
  return result;
}

} // namespace switchboard::test
