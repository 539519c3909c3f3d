#include "runtime/polling_routes.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/event_based_actor.hpp>

#include "actors/polling/platform_policy.hpp"
#include "io/http/polling_json.hpp"
#include "messages/error.hpp"
#include "messages/node.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/accounts_repo.hpp"
#include "persistence/poll_failures_repo.hpp"
#include "persistence/polled_messages_repo.hpp"
#include "runtime/polling_wiring.hpp"

namespace switchboard {

namespace {

using deps_ptr = std::shared_ptr<const polling_routes_deps>;
using nlohmann::json;
namespace accounts_repo = persistence::accounts_repo;

constexpr size_t default_limit = 50;
constexpr size_t max_limit = 500;

bool is_sb(const caf::error& err, errc code) {
  return err.category() == caf::atom("sb")
         && err.code() == static_cast<uint8_t>(code);
}

http::response manager_error(const caf::error& err) {
  if (is_sb(err, errc::not_found))
    return http::error(404, "not_found", "not found");
  if (is_sb(err, errc::invalid_argument))
    return http::error(409, "conflict",
                       "the account is connected to another platform");
  return db_error_response(err);
}

/// Asks the polling manager and answers `respond(to_response(T))`.
template <class T, class ToResponse, class... Ts>
void ask_manager(const deps_ptr& d, http::responder respond,
                 ToResponse to_response, Ts... xs) {
  auto mgr = d->manager();
  if (!mgr) {
    respond(http::error(503, "unavailable", "polling is not running"));
    return;
  }
  auto timeout = d->db.timeout;
  d->db.sys->spawn([=](caf::event_based_actor* self) {
    self->request(mgr, timeout, xs...)
        .then(
            [=](T& value) {
              respond(to_response(value));
            },
            [=](caf::error& err) {
              respond(manager_error(err));
            });
  });
}

http::handler list_platforms() {
  return [](http::request, http::responder respond) {
    auto items = json::array();
    for (const auto& name : polling::known_platforms())
      items.push_back(
          {{"name", name}, {"needs_polling", polling::needs_polling(name)}});
    respond(http::json(200, {{"items", items}}));
  };
}

http::handler connect(deps_ptr d) {
  return [d](http::request req, http::responder respond) {
    auto body = http::parse_json_body(req.body);
    if (auto* err = std::get_if<http::response>(&body))
      return void(respond(std::move(*err)));
    auto parsed = http::parse_account_connection(
        req.param("id"), std::get<json>(body), polling::is_known_platform);
    if (auto* err = std::get_if<http::response>(&parsed))
      return void(respond(std::move(*err)));
    ask_manager<connected_account>(
        d, respond,
        [](const connected_account& x) {
          return http::json(200, http::account_json(x));
        },
        connect_account_atom_v, std::get<account_connection>(parsed));
  };
}

http::handler disconnect(deps_ptr d) {
  return [d](http::request req, http::responder respond) {
    auto id = req.param("id");
    ask_manager<bool>(
        d, respond,
        [id](bool found) {
          if (!found) return http::error(404, "not_found", "no such account");
          return http::json(200, {{"id", id}, {"status", "disconnected"}});
        },
        disconnect_account_atom_v, id);
  };
}

http::handler get_account(deps_ptr d) {
  return [d](http::request req, http::responder respond) {
    answer_from_db(
        d->db, respond, "get account",
        [id = req.param("id")](pqxx::connection_base& conn) {
          return accounts_repo::get(conn, id);
        },
        [](std::optional<connected_account> x) {
          if (!x) return http::error(404, "not_found", "no such account");
          return http::json(200, http::account_json(*x));
        });
  };
}

http::handler list_accounts(deps_ptr d) {
  return [d](http::request req, http::responder respond) {
    auto limit = http::parse_limit(req, default_limit, max_limit);
    if (auto* err = std::get_if<http::response>(&limit))
      return void(respond(std::move(*err)));
    auto status = req.query["status"];
    if (!status.empty() && !accounts_repo::is_account_status(status))
      return void(
          respond(http::error(400, "invalid_argument", "unknown status")));
    auto n = std::get<size_t>(limit);
    answer_from_db(
        d->db, respond, "list accounts",
        [n, status, platform = req.query["platform"],
         after = req.query["cursor"]](pqxx::connection_base& conn) {
          return accounts_repo::list(conn, platform, status, after, n);
        },
        [n](std::vector<connected_account> xs) {
          auto items = json::array();
          for (const auto& x : xs)
            items.push_back(http::account_json(x));
          json next = xs.size() == n ? json(xs.back().id) : json(nullptr);
          return http::json(200, {{"items", items}, {"next_cursor", next}});
        });
  };
}

http::handler poll_now(deps_ptr d) {
  return [d](http::request req, http::responder respond) {
    auto id = req.param("id");
    ask_manager<bool>(
        d, respond,
        [id](bool accepted) {
          if (!accepted)
            return http::error(404, "not_found", "no active polled account");
          return http::json(202, {{"id", id}, {"accepted", true}});
        },
        poll_now_atom_v, id);
  };
}

http::handler account_messages(deps_ptr d) {
  return [d](http::request req, http::responder respond) {
    auto limit = http::parse_limit(req, default_limit, max_limit);
    if (auto* err = std::get_if<http::response>(&limit))
      return void(respond(std::move(*err)));
    answer_from_db(
        d->db, respond, "account messages",
        [ring = d->ring, id = req.param("id"), cursor = req.query["cursor"],
         n = std::get<size_t>(limit)](pqxx::connection_base& conn) {
          return persistence::polled_messages_repo::list(conn, *ring, id,
                                                         cursor, n);
        },
        [](message_page page) {
          auto items = json::array();
          for (const auto& m : page.messages)
            items.push_back(http::stored_message_json(m));
          json next = page.next_cursor.empty() ? json(nullptr)
                                               : json(page.next_cursor);
          return http::json(200, {{"items", items}, {"next_cursor", next}});
        });
  };
}

http::handler stats(deps_ptr d) {
  return [d](http::request, http::responder respond) {
    ask_manager<polling_stats>(
        d, respond,
        [](const polling_stats& x) {
          return http::json(200, http::polling_stats_json(x));
        },
        poll_stats_atom_v);
  };
}

http::handler failed(deps_ptr d) {
  return [d](http::request req, http::responder respond) {
    auto limit = http::parse_limit(req, default_limit, max_limit);
    if (auto* err = std::get_if<http::response>(&limit))
      return void(respond(std::move(*err)));
    answer_from_db(
        d->db, respond, "failed polls",
        [n = std::get<size_t>(limit)](pqxx::connection_base& conn) {
          return persistence::poll_failures_repo::list(conn, n);
        },
        [](std::vector<poll_failure> xs) {
          auto items = json::array();
          for (const auto& x : xs)
            items.push_back(http::poll_failure_json(x));
          return http::json(200, {{"items", items}});
        });
  };
}

http::handler retry(deps_ptr d) {
  return [d](http::request req, http::responder respond) {
    ask_manager<poll_failure>(
        d, respond,
        [](const poll_failure& x) {
          return http::json(200, http::poll_failure_json(x));
        },
        poll_retry_atom_v, req.param("failure_id"));
  };
}

http::handler clean(deps_ptr d) {
  return [d](http::request req, http::responder respond) {
    int64_t older_than_ms = 24LL * 60 * 60 * 1000;
    if (!req.body.empty()) {
      auto body = http::parse_json_body(req.body);
      if (auto* err = std::get_if<http::response>(&body))
        return void(respond(std::move(*err)));
      auto& doc = std::get<json>(body);
      if (auto i = doc.find("older_than_ms");
          doc.is_object() && i != doc.end()) {
        if (!i->is_number_integer() || i->get<int64_t>() < 0)
          return void(respond(
              http::error(400, "invalid_argument",
                          "older_than_ms must be a non-negative integer")));
        older_than_ms = i->get<int64_t>();
      }
    }
    answer_from_db(
        d->db, respond, "clean failed polls",
        [older_than_ms](pqxx::connection_base& conn) {
          return persistence::poll_failures_repo::clean(
              conn, std::chrono::milliseconds{older_than_ms});
        },
        [](size_t removed) {
          return http::json(200, {{"removed", removed}});
        });
  };
}

} // namespace

polling_routes_deps node_polling_routes_deps(caf::actor_system& sys,
                                             const config& cfg) {
  polling_routes_deps deps;
  deps.db = node_db_route_context(sys, cfg.http);
  deps.manager = [&sys] {
    return caf::actor_cast<caf::actor>(
        sys.registry().get(polling_manager_atom_v));
  };
  deps.ring = polling_keyring(cfg);
  return deps;
}

void add_polling_routes(http::router& r, polling_routes_deps deps) {
  auto d = std::make_shared<const polling_routes_deps>(std::move(deps));
  r.add("GET", "/api/platforms", list_platforms());
  r.add("PUT", "/api/accounts/{id}", connect(d));
  r.add("DELETE", "/api/accounts/{id}", disconnect(d));
  r.add("GET", "/api/accounts/{id}", get_account(d));
  r.add("GET", "/api/accounts", list_accounts(d));
  r.add("POST", "/api/accounts/{id}/poll", poll_now(d));
  r.add("GET", "/api/accounts/{id}/messages", account_messages(d));
  r.add("GET", "/api/polling/stats", stats(d));
  r.add("GET", "/api/polling/failed", failed(d));
  r.add("POST", "/api/polling/failed/{failure_id}/retry", retry(d));
  r.add("POST", "/api/polling/clean", clean(d));
}

} // namespace switchboard
