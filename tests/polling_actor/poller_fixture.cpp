#include "tests/polling_actor/poller_fixture.hpp"

#include "actors/polling/poll_store.hpp"
#include "io/crypto/keyring.hpp"
#include "persistence/accounts_repo.hpp"
#include "persistence/db_request.hpp"

namespace switchboard::test {

namespace {

using namespace std::chrono;

caf::behavior fake_http(caf::event_based_actor* self,
                        std::shared_ptr<http_script> script,
                        std::function<caf::timespan()> elapsed) {
  return {[=](http_request& req) -> caf::result<http_response> {
            script->seen.push_back(req);
            script->at.push_back(elapsed());
            if (script->hold) {
              script->held.push_back(self->make_response_promise());
              return script->held.back();
            }
            if (script->answers.empty()) return poller_fixture::page(200);
            auto next = std::move(script->answers.front());
            script->answers.pop_front();
            if (auto* err = std::get_if<caf::error>(&next))
              return std::move(*err);
            return std::get<http_response>(std::move(next));
          },
          [=](caf::ok_atom, http_response& res) {
            auto rp = script->held.front();
            script->held.pop_front();
            rp.deliver(std::move(res));
          }};
}

polling_account test_account(caf::timestamp next_poll, bool adaptive) {
  polling_account acc;
  acc.account.id = "a1";
  acc.account.platform = "twitter";
  acc.account.user_id = "42";
  acc.account.status = account_status::active;
  acc.account.poll_interval_ms = 60000;
  acc.account.current_interval_ms = 60000;
  acc.account.adaptive = adaptive;
  acc.account.next_poll_at = next_poll;
  acc.access_token.value = "user-42";
  return acc;
}

caf::behavior fake_db(std::shared_ptr<db_script> script, polling_account acc) {
  return {[=](exec_atom, db_task& task) -> caf::result<db_reply> {
    script->labels.push_back(task.label);
    if (task.label == "poller load" && script->failing_loads > 0) {
      --script->failing_loads;
      return caf::make_error(errc::db_overloaded);
    }
    if (task.label == "poller load" && script->unreadable_token)
      return db_reply{
          persistence::to_db_message(persistence::accounts_repo::polling_load{
              std::nullopt,
              "token cannot be decrypted: sealed with key id 7, not in the "
              "key ring",
              "twitter"})};
    if (task.label == "poller load")
      return db_reply{persistence::to_db_message(
          persistence::accounts_repo::polling_load{acc, {}, {}})};
    if (task.label == "poll batch store")
      return db_reply{persistence::to_db_message(
          std::vector<poll_stored>{{"a1", true, script->inserted, 0, "7"}})};
    return db_reply{persistence::to_db_message(true)};
  }};
}

} // namespace

void poller_fixture::restart_http() {
  caf::anon_send_exit(http_actor, caf::exit_reason::kill);
  sched.run();
  http->held.clear();
  http_actor = sys.spawn(fake_http, http, [this] {
    return elapsed();
  });
  sched.run();
}

poller_fixture::poller_fixture() {
  // A whole second, so rate-limit reset headers (epoch seconds) are exact.
  wall_start = caf::timestamp{seconds{1'800'000'000}};
  steady_start = sched.clock().now();
  http_actor = sys.spawn(fake_http, http, [this] {
    return elapsed();
  });
  manager = sys.spawn([this](caf::event_based_actor*) -> caf::behavior {
    return {[this](poller_event_atom, poller_event& ev) {
      events.push_back(std::move(ev));
    }};
  });
}

poller_fixture::~poller_fixture() {
  for (auto* hdl :
       {&poller, &http_actor, &db_actor, &manager, &store, &store_spy})
    if (*hdl) caf::anon_send_exit(*hdl, caf::exit_reason::user_shutdown);
  sched.run();
}

std::shared_ptr<polling::poller_deps>
poller_fixture::make_deps(bool adaptive, int failing_loads) {
  db->failing_loads = failing_loads;
  db_actor
      = sys.spawn(fake_db, db, test_account(wall_start + seconds{1}, adaptive));
  auto deps = std::make_shared<polling::poller_deps>();
  deps->timer_slack = timer_slack;
  deps->database = [this] {
    return caf::actor_cast<database_actor>(db_actor);
  };
  deps->http = [this] {
    return caf::actor_cast<http_client_actor>(http_actor);
  };
  deps->manager = [this] {
    return manager;
  };
  deps->ring = std::make_shared<crypto::keyring>(
      std::vector<crypto::secret_key>{crypto::secret_key::generate()});
  polling::poll_store_options store_opts;
  store_opts.database = deps->database;
  store_opts.ring = deps->ring;
  // Every result is written at once: the poller's timing is under test.
  store_opts.max_delay = caf::timespan{0};
  store = polling::spawn_poll_store(sys, store_opts);
  store_spy = sys.spawn([this](caf::event_based_actor* self) -> caf::behavior {
    return {[this, self](poll_result& r) {
              results.push_back(r);
              return self->delegate(store, std::move(r));
            },
            [this, self](poll_note& n) {
              notes.push_back(n);
              self->send(store, std::move(n));
            }};
  });
  deps->store = [this] {
    return store_spy;
  };
  deps->endpoints.twitter = "http://127.0.0.1:9";
  deps->now = [this] {
    return wall_now();
  };
  return deps;
}

void poller_fixture::start(bool adaptive, int failing_loads) {
  auto deps = make_deps(adaptive, failing_loads);
  poller = sys.spawn(polling::account_poller, std::string{"a1"},
                     polling::poller_deps_ptr{deps});
  sched.run();
}

void poller_fixture::start_preloaded() {
  auto deps = make_deps(false, 0);
  poller
      = sys.spawn(polling::preloaded_account_poller, polling::poller_name("a1"),
                  test_account(wall_start + seconds{1}, false),
                  polling::poller_deps_ptr{deps});
  sched.run();
}

caf::timestamp poller_fixture::wall_now() const {
  return wall_start + elapsed();
}

caf::timespan poller_fixture::elapsed() const {
  return duration_cast<caf::timespan>(sched.clock().now() - steady_start);
}

void poller_fixture::advance(caf::timespan d) {
  sched.run();
  advance_time(d);
  sched.run();
}

size_t poller_fixture::requests() const {
  return static_cast<size_t>(
      std::count_if(http->seen.begin(), http->seen.end(), [](auto& req) {
        return req.url.size() >= 9
               && req.url.compare(req.url.size() - 9, 9, "/mentions") == 0;
      }));
}

const http_request& poller_fixture::mentions_request(size_t i) const {
  for (const auto& req : http->seen)
    if (req.url.find("/mentions") != std::string::npos && i-- == 0) return req;
  CAF_FAIL("fewer mentions requests than asked for");
  static const http_request none;
  return none;
}

size_t poller_fixture::count_label(const std::string& label) const {
  return static_cast<size_t>(
      std::count(db->labels.begin(), db->labels.end(), label));
}

void poller_fixture::release(http_response res) {
  self->send(http_actor, caf::ok_atom_v, std::move(res));
  sched.run();
}

http_response poller_fixture::page(int status, std::string body) {
  http_response res;
  res.status = status;
  res.body = std::move(body);
  return res;
}

polling::poller_state& poller_fixture::state() {
  return deref<caf::stateful_actor<polling::poller_state>>(poller).state;
}

} // namespace switchboard::test
