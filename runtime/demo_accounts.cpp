#include "runtime/demo_accounts.hpp"

#include <algorithm>
#include <memory>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>
#include <string>

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include "messages/node.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/accounts_repo.hpp"
#include "persistence/db_request.hpp"
#include "runtime/simulator_endpoints.hpp"

namespace switchboard {

namespace {

using namespace std::chrono;

/// Lively enough to show polls at once, far below the simulators' limits.
constexpr milliseconds demo_interval{15000};

/// How often the connector looks for the manager and the database, and how
/// long it tries before it gives up with a warning.
constexpr milliseconds retry_every{500};
constexpr int max_attempts = 240;

/// The demo accounts' platform user ids: Twitter/X user ids are numeric
/// strings, LinkedIn's are organization ids.
std::string demo_user_id(const std::string& platform, uint32_t n) {
  auto base = platform == "twitter" ? 1'000'000'000 : 20'000'000;
  return std::to_string(base + n);
}

struct connector_state {
  static inline const char* name = "demo_accounts";
  std::vector<account_connection> accounts;
  int attempts = 0;
  size_t pending = 0;
  size_t connected = 0;
};

using connector_ptr = caf::stateful_actor<connector_state>*;

void retry_later(connector_ptr self) {
  if (++self->state.attempts >= max_attempts) {
    spdlog::warn("demo accounts: polling did not start, none connected");
    self->quit();
    return;
  }
  self->delayed_send(self, retry_every, caf::tick_atom_v);
}

void on_connected(connector_ptr self) {
  if (--self->state.pending > 0) return;
  spdlog::info("demo accounts: connected {} of {} against the simulators "
               "(simulators.demo_accounts; remove one with DELETE "
               "/api/accounts/ID)",
               self->state.connected, self->state.accounts.size());
  self->quit();
}

void connect_all(connector_ptr self, const caf::actor& manager) {
  self->state.pending = self->state.accounts.size();
  for (const auto& acc : self->state.accounts)
    self->request(manager, seconds{30}, connect_account_atom_v, acc)
        .then(
            [self](const connected_account&) {
              ++self->state.connected;
              on_connected(self);
            },
            [self, id = acc.id](const caf::error& err) {
              spdlog::warn("demo accounts: cannot connect {}: {}", id,
                           caf::to_string(err));
              on_connected(self);
            });
}

void try_start(connector_ptr self) {
  auto& registry = self->system().registry();
  auto db = caf::actor_cast<database_actor>(registry.get(database_atom_v));
  auto manager
      = caf::actor_cast<caf::actor>(registry.get(polling_manager_atom_v));
  if (!db || !manager) {
    retry_later(self);
    return;
  }
  persistence::db_request(
      self, db, "demo accounts: any account",
      [](pqxx::connection_base& conn) {
        return !persistence::accounts_repo::list(conn, "", "", "", 1).empty();
      },
      [self, manager](bool any) {
        if (any) {
          spdlog::info("demo accounts: the node has accounts, none added");
          self->quit();
          return;
        }
        connect_all(self, manager);
      },
      [self](const caf::error&) {
        // The database may still be starting or migrating: wait for it.
        retry_later(self);
      });
}

caf::behavior connector(connector_ptr self, const supervisor_actor& node,
                        std::vector<account_connection> accounts) {
  self->state.accounts = std::move(accounts);
  // A node that stops first must not wait for our retries: the actor
  // system's shutdown waits for every actor.
  self->monitor(node);
  self->set_down_handler([self](const caf::down_msg&) {
    self->quit();
  });
  try_start(self);
  return {
      [self](caf::tick_atom) {
        try_start(self);
      },
  };
}

} // namespace

std::vector<account_connection> demo_accounts(const config& cfg) {
  std::vector<account_connection> out;
  if (!cfg.simulators.enabled) return out;
  auto interval = std::min<int64_t>(demo_interval.count(),
                                    cfg.polling.default_interval_ms);
  for (uint32_t n = 1; n <= cfg.simulators.demo_accounts; ++n) {
    for (std::string platform : {"twitter", "linkedin"}) {
      account_connection acc;
      acc.id = "demo-" + platform + "-" + std::to_string(n);
      acc.platform = platform;
      acc.user_id = demo_user_id(platform, n);
      // The Twitter/X simulator reads the user from the digits after the
      // token's last '-'; LinkedIn's accepts any token.
      acc.access_token.value = platform == "twitter"
                                   ? "user-" + acc.user_id
                                   : std::string{simulator_access_token};
      acc.poll_interval_ms = interval;
      out.push_back(std::move(acc));
    }
  }
  return out;
}

void connect_demo_accounts(caf::actor_system& sys, const supervisor_actor& node,
                           const config& cfg) {
  auto accounts = demo_accounts(cfg);
  if (accounts.empty()) return;
  sys.spawn(connector, node, std::move(accounts));
}

} // namespace switchboard
