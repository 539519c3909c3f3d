#include "actors/polling/poll_store.hpp"

#include <map>
#include <spdlog/spdlog.h>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>
#include <caf/stateful_actor.hpp>

#include "messages/error.hpp"
#include "messages/polling.hpp"
#include "persistence/db_request.hpp"
#include "persistence/poll_notes_repo.hpp"
#include "persistence/polled_messages_repo.hpp"

namespace switchboard::polling {

namespace {

struct pending {
  std::vector<poll_result> results;
  std::vector<std::pair<std::string, caf::response_promise>> waiters;
  std::vector<poll_note> notes;

  size_t size() const {
    return results.size() + notes.size();
  }
};

struct poll_store_state {
  static inline const char* name = "poll_store";
  poll_store_options opts;
  pending open;
  bool writing = false;
  /// Tags flush timers: only the current batch's timer flushes.
  uint64_t generation = 0;
};

using self_ptr = caf::stateful_actor<poll_store_state>*;

void flush(self_ptr self);

void answer(pending& batch, const std::vector<poll_stored>& stored) {
  std::map<std::string, const poll_stored*> by_id;
  for (const auto& x : stored)
    by_id.emplace(x.account_id, &x);
  for (auto& [id, rp] : batch.waiters) {
    auto i = by_id.find(id);
    if (i != by_id.end())
      rp.deliver(*i->second);
    else
      rp.deliver(poll_stored{id, false, 0, 0, {}});
  }
}

void fail_all(pending& batch, const caf::error& err) {
  for (auto& [id, rp] : batch.waiters)
    rp.deliver(err);
  // Nobody waits for notes: losing one loses only a last_error (and a
  // failure row), so it is logged, not retried.
  if (!batch.notes.empty())
    spdlog::warn("poll store: {} failure notes not recorded: {}",
                 batch.notes.size(), caf::to_string(err));
}

void write(self_ptr self, pending batch) {
  auto& st = self->state;
  auto db = st.opts.database();
  if (!db) return fail_all(batch, caf::make_error(errc::db_unavailable));
  st.writing = true;
  auto shared = std::make_shared<pending>(std::move(batch));
  persistence::db_request(
      self, db, "poll batch store",
      [ring = st.opts.ring, results = shared->results,
       notes = shared->notes](pqxx::connection_base& conn) {
        // Results first: a note of the same batch is almost surely from a
        // later poll (see poll_store.hpp).
        std::vector<poll_stored> stored;
        if (!results.empty())
          stored = persistence::polled_messages_repo::record_polls(conn, *ring,
                                                                   results);
        persistence::poll_notes_repo::record(conn, notes);
        return stored;
      },
      [self, shared](std::vector<poll_stored> stored) {
        answer(*shared, stored);
        self->state.writing = false;
        flush(self);
      },
      [self, shared](const caf::error& err) {
        fail_all(*shared, err);
        self->state.writing = false;
        flush(self);
      },
      {st.opts.timeout, true});
}

/// Writes the open batch unless one is being written (then it follows).
void flush(self_ptr self) {
  auto& st = self->state;
  if (st.writing || st.open.size() == 0) return;
  ++st.generation;
  write(self, std::exchange(st.open, pending{}));
}

/// Flushes a full batch, or arms the flush timer of a batch just opened.
void added(self_ptr self) {
  auto& st = self->state;
  auto n = st.open.size();
  if (n >= st.opts.max_results || st.opts.max_delay.count() == 0)
    flush(self);
  else if (n == 1)
    self->delayed_send(self, st.opts.max_delay, poll_atom_v, st.generation);
}

caf::behavior poll_store(self_ptr self, poll_store_options opts) {
  self->state.opts = std::move(opts);
  return {
      [self](poll_result& result) {
        auto& st = self->state;
        auto rp = self->make_response_promise();
        st.open.waiters.emplace_back(result.account_id, rp);
        st.open.results.push_back(std::move(result));
        added(self);
        return rp;
      },
      [self](poll_note& note) {
        self->state.open.notes.push_back(std::move(note));
        added(self);
      },
      // The flush timer of the open batch.
      [self](poll_atom, uint64_t generation) {
        if (generation == self->state.generation) flush(self);
      },
  };
}

} // namespace

caf::actor spawn_poll_store(caf::actor_system& sys, poll_store_options opts) {
  return sys.spawn(poll_store, std::move(opts));
}

} // namespace switchboard::polling
