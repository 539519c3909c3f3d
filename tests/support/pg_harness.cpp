#include "tests/support/pg_harness.hpp"

#include <csignal>
#include <exception>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>
#include <stdexcept>

#include "persistence/postmaster_lock.hpp"
#include "tests/support/wait_until.hpp"

namespace switchboard::test {

pg_harness& pg_harness::get() {
  // A function-local static: built on first use, destroyed at exit after
  // everything it logs to (spdlog is set up inside the constructor).
  static pg_harness instance;
  return instance;
}

namespace {

std::terminate_handler previous_terminate = nullptr;

} // namespace

pg_harness::pg_harness() : dir_("", 0755) {
  spdlog::set_level(spdlog::level::warn);
  reap_abandoned_test_dirs();
  persistence::embedded_postgres_options opts;
  opts.data_dir = dir_.path();
  opts.durable = false;
  server_ = std::make_unique<persistence::embedded_postgres>(opts);
  server_->start();
  previous_terminate = std::set_terminate(on_terminate);
}

pg_harness::~pg_harness() {
  try {
    server_->stop();
  } catch (const std::exception& e) {
    spdlog::error("pg_harness: {}", e.what());
  }
}

void pg_harness::on_terminate() {
  try {
    get().server_->stop();
  } catch (...) {
    // Dying anyway; the next run reaps what is left.
  }
  if (previous_terminate) previous_terminate();
  std::abort();
}

std::string pg_harness::conninfo() const {
  return server_->conninfo();
}

std::string pg_harness::fresh_database(const std::string& prefix) {
  auto name = prefix + "_" + std::to_string(++databases_);
  pqxx::connection conn{conninfo()};
  pqxx::nontransaction tx{conn};
  tx.exec("CREATE DATABASE " + conn.quote_name(name));
  return server_->conninfo(name);
}

void pg_harness::stop() {
  server_->stop();
}

void pg_harness::start() {
  server_->start();
}

void pg_harness::restart() {
  server_->restart();
}

pid_t pg_harness::kill_postmaster() {
  auto pid = server_->postmaster_pid();
  if (!pid) throw std::runtime_error("pg_harness: no postmaster to kill");
  ::kill(*pid, SIGKILL);
  auto gone = wait_until(
      [&] {
        return !persistence::is_live_postgres(*pid);
      },
      std::chrono::seconds(10));
  if (!gone)
    throw std::runtime_error("pg_harness: postmaster survived SIGKILL");
  return *pid;
}

} // namespace switchboard::test
