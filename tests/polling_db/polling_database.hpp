#pragma once

// A fresh database with every migration applied, one connection to it and
// a key ring: the base of the polling_db suites' fixtures.

#include <pqxx/pqxx>
#include <string>

#include "io/crypto/keyring.hpp"
#include "messages/polling.hpp"
#include "persistence/accounts_repo.hpp"
#include "persistence/migrations.hpp"
#include "persistence/migrator.hpp"
#include "tests/support/pg_harness.hpp"

namespace switchboard::test {

struct polling_database {
  polling_database() {
    persistence::migrator::apply(conn, persistence::embedded_migrations());
  }

  /// Connects `id` on `platform` with token "token-of-<id>".
  connected_account connect(const std::string& id,
                            const std::string& platform = "twitter",
                            int64_t interval_ms = 0) {
    account_connection req;
    req.id = id;
    req.platform = platform;
    req.user_id = "user-" + id;
    req.access_token.value = "token-of-" + id;
    req.poll_interval_ms = interval_ms;
    return persistence::accounts_repo::connect(conn, ring, req,
                                               std::chrono::seconds{60})
        .account;
  }

  /// Runs `sql` with one text parameter in its own transaction.
  pqxx::result exec(const std::string& sql, const std::string& arg = {}) {
    pqxx::work tx{conn};
    auto result = arg.empty() ? tx.exec(sql) : tx.exec_params(sql, arg);
    tx.commit();
    return result;
  }

  std::string conninfo = pg_harness::get().fresh_database("polling");
  pqxx::connection conn{conninfo};
  crypto::keyring ring{{crypto::secret_key::generate()}};
};

/// Whether `haystack` (raw bytes of a column) contains `needle`.
inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

} // namespace switchboard::test
