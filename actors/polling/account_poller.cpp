#include "actors/polling/account_poller.hpp"

#include <algorithm>
#include <spdlog/spdlog.h>

#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>

#include "actors/polling/first_poll_policy.hpp"
#include "actors/polling/rate_limit_policy.hpp"
#include "actors/polling/timer_slack_policy.hpp"
#include "messages/error.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/accounts_repo.hpp"
#include "persistence/db_request.hpp"

namespace switchboard::polling {

namespace {

using namespace std::chrono;
using persistence::db_request;
using self_ptr = poller_actor_ptr;

caf::timestamp now_of(self_ptr self) {
  return self->state.deps->now();
}

milliseconds interval_of(self_ptr self) {
  const auto& a = self->state.acc.account;
  auto ms
      = a.current_interval_ms > 0 ? a.current_interval_ms : a.poll_interval_ms;
  return ms > 0 ? milliseconds{ms} : self->state.deps->default_interval;
}

void report(self_ptr self, poller_phase phase,
            poll_outcome outcome = poll_outcome::none, uint32_t messages = 0,
            caf::timespan lateness = caf::timespan{0}) {
  auto& st = self->state;
  if (!st.manager) return;
  // The manager's table already holds this phase: nothing to tell.
  if (outcome == poll_outcome::none && lateness.count() == 0
      && phase == st.reported)
    return;
  st.reported = phase;
  poller_event ev{st.account_id,
                  st.acc.account.platform,
                  phase,
                  outcome,
                  messages,
                  0,
                  duration_cast<microseconds>(lateness).count()};
  if (outcome == poll_outcome::completed || outcome == poll_outcome::failed)
    ev.duration_us
        = duration_cast<microseconds>(now_of(self) - st.poll_started).count();
  self->send(st.manager, poller_event_atom_v, std::move(ev));
}

/// A regular poll (phase waiting) starts on the timer slack's grid; its
/// lateness still counts from `at`.
void schedule(self_ptr self, caf::timestamp at, poller_phase phase) {
  auto& st = self->state;
  st.due = at;
  if (phase == poller_phase::waiting) at = coalesced(at, st.deps->timer_slack);
  auto wait = std::max(caf::timespan{0}, at - now_of(self));
  self->delayed_send(self, wait, poll_atom_v, ++st.generation);
  spdlog::debug("Scheduled polling job {} for account {}",
                poller_name(st.account_id), st.account_id);
  report(self, phase);
}

// Fire-and-forget bookkeeping: a lost write only loses last_error.
template <class F>
void db_note(self_ptr self, const char* label, F fn) {
  auto db = self->state.deps->database();
  if (!db) return;
  db_request(
      self, db, label, fn, [](auto&&...) {},
      [label](const caf::error& err) {
        spdlog::warn("{} failed: {}", label, caf::to_string(err));
      });
}

void fail(self_ptr self, poll_error err);

/// Monitors `peer` once, so that its death ends a request left unanswered.
template <class Handle>
void watch(self_ptr self, const Handle& peer) {
  auto addr = peer.address();
  auto& w = self->state.watched;
  if (std::find(w.begin(), w.end(), addr) != w.end()) return;
  w.push_back(addr);
  self->monitor(peer);
}

void on_peer_down(self_ptr self, const caf::down_msg& msg) {
  auto& w = self->state.watched;
  w.erase(std::remove(w.begin(), w.end(), msg.source), w.end());
  if (!self->state.in_flight) return;
  fail(self, {poll_error_kind::network,
              0,
              "the HTTP client or the poll store stopped during the poll",
              {}});
}
void fetch(self_ptr self);

void park(self_ptr self, const poll_error& err) {
  auto& st = self->state;
  ++st.generation;
  auto id = st.account_id;
  auto detail = err.detail;
  db_note(self, "poller park", [id, detail](pqxx::connection_base& conn) {
    return persistence::accounts_repo::mark_needs_reauth(conn, id, detail);
  });
  spdlog::warn("Polling stopped for account {}: token refused ({}), needs "
               "reauth",
               id, detail);
  report(self, poller_phase::parked, poll_outcome::parked);
  self->quit();
}

/// Hands a failed poll's bookkeeping (last_error, next poll and, when
/// `failed`, a poll_failures row) to the batching writer: one-way, so a
/// burst of failures is a few multi-row statements (poll_store.hpp).
void note(self_ptr self, const poll_decision& d, const poll_error& err,
          bool failed) {
  auto& st = self->state;
  auto store = st.deps->store();
  if (!store) return;
  self->send(store,
             poll_note{st.account_id, to_string(d.error_class), err.detail,
                       static_cast<int32_t>(st.retries_done + 1), d.at,
                       failed});
}

void record_failure(self_ptr self, const poll_decision& d,
                    const poll_error& err) {
  note(self, d, err, true);
  spdlog::error("Polling failed for account {}: {}", self->state.account_id,
                err.detail);
  report(self, poller_phase::waiting, poll_outcome::failed);
}

void reschedule_after_error(self_ptr self, const poll_decision& d,
                            const poll_error& err) {
  auto& st = self->state;
  note(self, d, err, false);
  if (d.error_class == poll_error_class::rate_limited) {
    spdlog::warn("Rate limit hit for {}, will retry after {}s",
                 st.acc.account.platform,
                 duration_cast<seconds>(d.at - now_of(self)).count());
    report(self, poller_phase::delayed, poll_outcome::rate_limited);
  } else {
    report(self, poller_phase::delayed, poll_outcome::server_error);
  }
}

void fail(self_ptr self, poll_error err) {
  auto& st = self->state;
  st.in_flight = false;
  auto now = now_of(self);
  auto d = decide(err, st.acc.account.platform, st.retries_done, now,
                  now + interval_of(self), st.deps->timing);
  switch (d.action) {
  case poll_action::park: return park(self, err);
  case poll_action::retry:
    ++st.retries_done;
    st.retrying = true;
    spdlog::debug("poll of account {} failed ({}), retry {}", st.account_id,
                  err.detail, st.retries_done);
    return schedule(self, d.at, poller_phase::delayed);
  case poll_action::reschedule:
    st.retrying = false;
    st.retries_done = 0;
    reschedule_after_error(self, d, err);
    return schedule(self, d.at, poller_phase::delayed);
  case poll_action::give_up:
    record_failure(self, d, err);
    st.retrying = false;
    st.retries_done = 0;
    return schedule(self, d.at, poller_phase::waiting);
  }
}

void complete(self_ptr self, const poll_stored& stored, caf::timestamp next,
              bool rate_limited) {
  auto& st = self->state;
  st.in_flight = false;
  st.retrying = false;
  st.retries_done = 0;
  if (!stored.cursor.empty()) st.acc.account.cursor = stored.cursor;
  if (stored.inserted > 0)
    spdlog::info("Polling completed for account {}: {} new messages",
                 st.account_id, stored.inserted);
  else
    spdlog::debug("Polling completed for account {}: 0 new messages",
                  st.account_id);
  report(self, poller_phase::waiting, poll_outcome::completed, stored.inserted);
  if (rate_limited) {
    spdlog::warn("Rate limit hit for {}, will retry after {}s",
                 st.acc.account.platform,
                 duration_cast<seconds>(next - now_of(self)).count());
    report(self, poller_phase::delayed, poll_outcome::rate_limited);
  }
  schedule(self, next,
           rate_limited ? poller_phase::delayed : poller_phase::waiting);
}

/// Stores what the poll fetched; `complete_walk` is false when a rate limit
/// cut the pages short, so the cursor must stay (the rest comes next time).
void store(self_ptr self, const rate_limit_info& rl, bool complete_walk) {
  auto& st = self->state;
  auto now = now_of(self);
  auto& account = st.acc.account;
  if (account.adaptive)
    account.current_interval_ms
        = next_interval(interval_of(self),
                        static_cast<uint32_t>(st.batch.size()),
                        st.deps->adaptive)
              .count();
  bool limited = exhausted(rl);
  auto next = limited ? resume_at(account.platform, rl, now)
                      : now + interval_of(self);
  poll_result result{st.account_id,
                     std::move(st.batch),
                     complete_walk ? st.newest : std::string{},
                     now,
                     next,
                     account.current_interval_ms};
  st.batch.clear();
  auto writer = st.deps->store();
  if (!writer)
    return fail(self,
                {poll_error_kind::other, 0, "poll store not running", {}});
  // No CAF timeout: the writer answers every result (or the batch's error)
  // and the pool has its own deadline, while a CAF request timeout costs
  // two events on CAF 0.17's single clock thread (a wake-up each).
  watch(self, writer);
  self->request(writer, caf::infinite, std::move(result))
      .then(
          [self, next, limited](const poll_stored& stored) {
            complete(self, stored, next, limited);
          },
          [self](const caf::error& err) {
            fail(self, {poll_error_kind::other,
                        0,
                        "storing messages: " + caf::to_string(err),
                        {}});
          });
}

void on_page(self_ptr self, const http_response& res) {
  auto& st = self->state;
  if (res.status < 200 || res.status > 299)
    return fail(self, from_response(res));
  auto rl = parse_rate_limit(res);
  auto parsed = gateways::parse_poll_page(st.acc.account.platform, res.body,
                                          st.page_token, st.acc.account.cursor);
  if (!parsed.ok)
    return fail(self,
                {poll_error_kind::malformed_response, 0, parsed.error, rl});
  auto& page = parsed.page;
  std::move(page.messages.begin(), page.messages.end(),
            std::back_inserter(st.batch));
  if (gateways::newer_id(page.cursor, st.newest)) st.newest = page.cursor;
  if (page.next_token.empty()) return store(self, rl, true);
  if (exhausted(rl)) return store(self, rl, false);
  st.page_token = page.next_token;
  fetch(self);
}

void fetch(self_ptr self) {
  auto& st = self->state;
  auto http = st.deps->http();
  if (!http)
    return fail(self, {poll_error_kind::network, 0, "no HTTP client", {}});
  ++st.requests;
  auto req = gateways::poll_request(st.deps->endpoints, st.acc, st.page_token);
  // No CAF timeout: the client answers every request within its own total
  // timeout (and a client that dies fails the poll: watch), while a
  // CAF request timeout costs two events on CAF 0.17's single clock thread
  // (a wake-up each): a quarter of a fleet's CPU (docs/polling.md).
  watch(self, http);
  self->request(http, caf::infinite, std::move(req))
      .then(
          [self](const http_response& res) {
            on_page(self, res);
          },
          [self](const caf::error& err) {
            fail(self, from_error(err));
          });
}

/// `due`: when the timer that starts it was due (none for "poll now").
void start_poll(self_ptr self, caf::timestamp due = {}) {
  auto& st = self->state;
  ++st.generation;
  st.in_flight = true;
  if (!st.retrying) {
    st.retries_done = 0;
    st.poll_started = now_of(self);
  }
  st.page_token.clear();
  st.batch.clear();
  st.newest.clear();
  report(self, poller_phase::active, poll_outcome::none, 0,
         due.time_since_epoch().count() > 0 ? now_of(self) - due
                                            : caf::timespan{0});
  fetch(self);
}

void poll_now(self_ptr self) {
  auto& st = self->state;
  if (st.in_flight) {
    ++st.coalesced;
    return;
  }
  st.retrying = false;
  start_poll(self);
}

void on_loaded(self_ptr self, std::optional<polling_account> loaded) {
  auto& st = self->state;
  if (!loaded || !gateways::has_gateway(loaded->account.platform)) {
    spdlog::info("no active polled account {}: poller stops", st.account_id);
    return self->quit();
  }
  st.acc = std::move(*loaded);
  st.manager = st.deps->manager ? st.deps->manager() : caf::actor{};
  auto mgr = st.manager;
  auto id = st.account_id;
  auto platform = st.acc.account.platform;
  self->attach_functor([mgr, id, platform](const caf::error& reason) {
    if (reason && reason != caf::exit_reason::normal
        && reason != caf::exit_reason::user_shutdown)
      spdlog::warn("poller of account {} failed: {}", id,
                   caf::to_string(reason));
    if (mgr)
      caf::anon_send(mgr, poller_event_atom_v,
                     poller_event{id, platform, poller_phase::stopped,
                                  poll_outcome::none, 0, 0, 0});
  });
  auto first = first_poll_at(st.account_id, interval_of(self),
                             st.acc.account.next_poll_at, now_of(self));
  schedule(self, first, poller_phase::waiting);
}

/// The token did not open (its key was rotated away): loading again cannot
/// help, so the account was parked as needs_reauth (no secret in the
/// reason) and the poller stops until the account is connected again.
void parked_on_load(self_ptr self, const std::string& platform,
                    const std::string& reason) {
  auto& st = self->state;
  st.acc.account.platform = platform;
  st.manager = st.deps->manager ? st.deps->manager() : caf::actor{};
  spdlog::warn("Polling stopped for account {}: {}, needs reauth",
               st.account_id, reason);
  report(self, poller_phase::parked, poll_outcome::parked);
  self->quit();
}

void load(self_ptr self) {
  auto& st = self->state;
  auto db = st.deps->database();
  if (!db) {
    self->delayed_send(self, std::chrono::seconds{1}, poller_load_atom_v);
    return;
  }
  db_request(
      self, db, "poller load",
      [ring = st.deps->ring, id = st.account_id](pqxx::connection_base& conn) {
        return persistence::accounts_repo::get_polling_or_park(conn, *ring, id);
      },
      [self](persistence::accounts_repo::polling_load res) {
        if (!res.parked.empty())
          return parked_on_load(self, res.platform, res.parked);
        on_loaded(self, std::move(res.account));
      },
      // A busy or absent database is waited for (a fleet starting at once
      // can overload it); each account retries at its own offset.
      [self](const caf::error& err) {
        auto wait
            = std::chrono::seconds{1}
              + spread_offset(self->state.account_id, std::chrono::seconds{5});
        spdlog::debug("poller of account {} cannot load ({}), retrying",
                      self->state.account_id, caf::to_string(err));
        self->delayed_send(self, wait, poller_load_atom_v);
      });
}

/// The account was connected again while this poller runs (a new token,
/// interval or user): the next request uses the new token and the next
/// schedule the new interval. A poll in flight finishes as it started.
void reconnected(self_ptr self, polling_account acc) {
  auto& st = self->state;
  // Not loaded yet: the load reads the reconnected row anyway.
  if (st.acc.account.id.empty()) return;
  // Same user: this poller's cursor is the newest (it stores every one, and
  // a poll in flight may store one the connect did not see yet).
  if (acc.account.user_id == st.acc.account.user_id)
    acc.account.cursor = st.acc.account.cursor;
  st.acc = std::move(acc);
  spdlog::info("poller of account {} uses the reconnected token and "
               "interval {} ms",
               st.account_id, interval_of(self).count());
}

caf::behavior poller_behavior(self_ptr self) {
  self->set_down_handler([self](caf::down_msg& msg) {
    on_peer_down(self, msg);
  });
  return {
      [self](poll_atom, uint64_t generation) {
        if (generation == self->state.generation && !self->state.in_flight)
          start_poll(self, self->state.due);
      },
      [self](poller_load_atom) {
        load(self);
      },
      [self](poll_now_atom) {
        poll_now(self);
      },
      [self](connect_account_atom, polling_account& acc) {
        reconnected(self, std::move(acc));
      },
  };
}

std::string account_id_of(std::string name) {
  constexpr std::string_view prefix = "poll-";
  if (name.rfind(prefix, 0) == 0) name.erase(0, prefix.size());
  return name;
}

} // namespace

caf::behavior account_poller(poller_actor_ptr self, std::string account_id,
                             poller_deps_ptr deps) {
  self->state.account_id = std::move(account_id);
  self->state.deps = std::move(deps);
  load(self);
  return poller_behavior(self);
}

caf::behavior preloaded_account_poller(poller_actor_ptr self, std::string name,
                                       polling_account account,
                                       poller_deps_ptr deps) {
  self->state.account_id = account_id_of(std::move(name));
  self->state.deps = std::move(deps);
  // No query: the manager's start-up page already holds this row.
  on_loaded(self, std::move(account));
  return poller_behavior(self);
}

caf::behavior named_account_poller(poller_actor_ptr self, std::string name,
                                   poller_deps_ptr deps) {
  return account_poller(self, account_id_of(std::move(name)), std::move(deps));
}

} // namespace switchboard::polling
