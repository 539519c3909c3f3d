#include "actors/polling/polling_manager.hpp"

#include <spdlog/spdlog.h>

#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>

#include "actors/polling/platform_policy.hpp"
#include "actors/polling/poll_error_policy.hpp"
#include "messages/error.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/accounts_repo.hpp"
#include "persistence/db_request.hpp"
#include "persistence/poll_failures_repo.hpp"

namespace switchboard::polling {

namespace {

using persistence::db_request;
using self_ptr = manager_actor_ptr;
namespace accounts_repo = persistence::accounts_repo;

/// The wait before loading the accounts again after a failed load.
constexpr std::chrono::seconds load_retry{5};

database_actor db_of(self_ptr self) {
  return self->state.deps->pollers->database();
}

persistence::db_request_options db_opts(self_ptr self) {
  return {self->state.deps->timeout, false};
}

child_spec spec_of(self_ptr self, const std::string& account_id) {
  return {poller_name(account_id), self->state.deps->poller_template};
}

void load_page(self_ptr self);

/// Starts the pollers of one page with their rows, so none of them queries
/// its own account, then loads the next page. A page at a time keeps the
/// start-up's memory to one page, and the first pollers run while later
/// pages load.
void spawn_page(self_ptr self, accounts_repo::polling_page page) {
  child_batch batch{self->state.deps->poller_template, {}, {}};
  auto n = page.accounts.size() + page.unreadable.size();
  batch.names.reserve(n);
  batch.args.reserve(n);
  for (auto& acc : page.accounts) {
    batch.names.push_back(poller_name(acc.account.id));
    batch.args.push_back(caf::make_message(std::move(acc)));
  }
  // A token that did not open: started plain, that poller loads its row
  // itself and deals with it (see account_poller.hpp).
  for (auto& id : page.unreadable) {
    batch.names.push_back(poller_name(id));
    batch.args.emplace_back();
  }
  self->request(self->state.supervisor, self->state.deps->timeout,
                caf::spawn_atom_v, std::move(batch))
      .then(
          [self, n, next = std::move(page.next_after)](uint64_t started) {
            auto& st = self->state;
            st.loaded += started;
            st.load_seen += n;
            if (!next.empty()) {
              st.load_after = next;
              return load_page(self);
            }
            spdlog::info("polling: {} pollers started for {} active accounts",
                         st.loaded, st.load_seen);
          },
          [self](const caf::error& err) {
            self->quit(err);
          });
}

/// Loads the page of active polled accounts after state.load_after.
void load_page(self_ptr self) {
  auto db = db_of(self);
  if (!db) {
    self->delayed_send(self, load_retry, poll_atom_v, uint64_t{0});
    return;
  }
  auto& deps = *self->state.deps;
  db_request(
      self, db, "polling load accounts",
      [ring = deps.pollers->ring, page = deps.load_page,
       after = self->state.load_after](pqxx::connection_base& conn) {
        return accounts_repo::load_polling_page(
            conn, *ring, polling_platforms(), after, page);
      },
      [self](accounts_repo::polling_page page) {
        spawn_page(self, std::move(page));
      },
      // A database that is not there yet (or not migrated) is waited for;
      // the load continues with the page that failed.
      [self](const caf::error& err) {
        spdlog::warn("polling: cannot load the accounts ({}), retrying in {} s",
                     caf::to_string(err), load_retry.count());
        self->delayed_send(self, load_retry, poll_atom_v, uint64_t{0});
      },
      {std::chrono::seconds{60}, false});
}

/// Ensures the poller of `account_id` runs and delivers its handle.
template <class F>
void ensure_poller(self_ptr self, const std::string& account_id, F then) {
  self->request(self->state.supervisor, self->state.deps->timeout,
                caf::spawn_atom_v, spec_of(self, account_id))
      .then(
          [then](caf::actor& hdl) mutable {
            then(hdl);
          },
          [then](const caf::error&) mutable {
            then(caf::actor{});
          });
}

caf::result<connected_account> connect(self_ptr self, account_connection req) {
  auto rp = self->make_response_promise<connected_account>();
  auto db = db_of(self);
  if (!db) return caf::make_error(errc::db_unavailable);
  auto deps = self->state.deps->pollers;
  db_request(
      self, db, "polling connect",
      [ring = deps->ring, req,
       interval = deps->default_interval](pqxx::connection_base& conn) {
        return accounts_repo::connect(conn, *ring, req, interval);
      },
      [self, rp,
       token = req.access_token](accounts_repo::connect_result res) mutable {
        auto account = res.account;
        if (res.outcome == accounts_repo::connect_outcome::platform_conflict) {
          rp.deliver(caf::make_error(errc::invalid_argument,
                                     "account connected to another platform"));
          return;
        }
        if (!needs_polling(account.platform)) {
          rp.deliver(account);
          return;
        }
        // A poller that already runs gets the new token and interval now
        // (a fresh one loads them and ignores this).
        ensure_poller(
            self, account.id,
            [self, rp, account, token](const caf::actor& hdl) mutable {
              if (hdl)
                self->send(hdl, connect_account_atom_v,
                           polling_account{account, token});
              rp.deliver(account);
            });
      },
      [rp](const caf::error& err) mutable {
        rp.deliver(err);
      },
      db_opts(self));
  return rp;
}

caf::result<bool> disconnect(self_ptr self, std::string id) {
  auto rp = self->make_response_promise<bool>();
  auto db = db_of(self);
  if (!db) return caf::make_error(errc::db_unavailable);
  // Stop the poller first, so no request follows the disconnect.
  self->request(self->state.supervisor, self->state.deps->timeout, stop_atom_v,
                poller_name(id))
      .then([](caf::ok_atom) {}, [](const caf::error&) {});
  db_request(
      self, db, "polling disconnect",
      [id](pqxx::connection_base& conn) {
        return accounts_repo::disconnect(conn, id);
      },
      [rp](bool found) mutable {
        rp.deliver(found);
      },
      [rp](const caf::error& err) mutable {
        rp.deliver(err);
      },
      db_opts(self));
  return rp;
}

/// Polls an account that has a poller now; false when it has none.
caf::result<bool> poll_now(self_ptr self, std::string id) {
  auto rp = self->make_response_promise<bool>();
  self->request(self->state.supervisor, self->state.deps->timeout,
                caf::get_atom_v, poller_name(id))
      .then(
          [self, rp, id](const child_info&) mutable {
            ensure_poller(self, id, [self, rp](const caf::actor& hdl) mutable {
              if (hdl) self->send(hdl, poll_now_atom_v);
              rp.deliver(static_cast<bool>(hdl));
            });
          },
          [rp](const caf::error&) mutable {
            rp.deliver(false);
          });
  return rp;
}

caf::result<poll_failure> retry(self_ptr self, std::string failure_id) {
  auto rp = self->make_response_promise<poll_failure>();
  auto db = db_of(self);
  if (!db) return caf::make_error(errc::db_unavailable);
  db_request(
      self, db, "polling retry failure",
      [failure_id](pqxx::connection_base& conn) {
        return persistence::poll_failures_repo::retry(conn, failure_id);
      },
      [self, rp](std::optional<poll_failure> failure) mutable {
        if (!failure) {
          rp.deliver(caf::make_error(errc::not_found, "no open failed poll"));
          return;
        }
        poll_now(self, failure->account_id);
        rp.deliver(*failure);
      },
      [rp](const caf::error& err) mutable {
        rp.deliver(err);
      },
      db_opts(self));
  return rp;
}

caf::result<polling_stats> stats(self_ptr self) {
  auto rp = self->make_response_promise<polling_stats>();
  auto db = db_of(self);
  if (!db) return self->state.table.snapshot(0);
  db_request(
      self, db, "polling count failures",
      [](pqxx::connection_base& conn) {
        return static_cast<uint64_t>(
            persistence::poll_failures_repo::count_open(conn));
      },
      [self, rp](uint64_t failed) mutable {
        rp.deliver(self->state.table.snapshot(failed));
      },
      [rp](const caf::error& err) mutable {
        rp.deliver(err);
      },
      db_opts(self));
  return rp;
}

void on_event(self_ptr self, const poller_event& ev) {
  self->state.table.apply(ev);
  self->state.metrics->record(ev, self->state.table);
}

} // namespace

caf::behavior polling_manager(manager_actor_ptr self,
                              supervisor_actor supervisor,
                              std::shared_ptr<const manager_deps> deps) {
  self->state.deps = deps;
  self->state.supervisor = std::move(supervisor);
  self->state.metrics = std::make_unique<polling_metrics>(deps->metrics);
  load_page(self);
  return {
      [self](connect_account_atom, account_connection& req) {
        return connect(self, std::move(req));
      },
      [self](disconnect_account_atom, std::string& id) {
        return disconnect(self, std::move(id));
      },
      [self](poll_now_atom, std::string& id) {
        return poll_now(self, std::move(id));
      },
      [self](poll_retry_atom, std::string& id) {
        return retry(self, std::move(id));
      },
      // The retry timer of the start-up load.
      [self](poll_atom, uint64_t) {
        load_page(self);
      },
      [self](poll_stats_atom) {
        return stats(self);
      },
      [self](poller_event_atom, const poller_event& ev) {
        on_event(self, ev);
      },
  };
}

} // namespace switchboard::polling
