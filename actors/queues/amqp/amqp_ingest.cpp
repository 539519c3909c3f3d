#include "actors/queues/amqp/amqp_ingest.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/amqp/delivery_mapping.hpp"
#include "actors/queues/queue_log.hpp"
#include "messages/error.hpp"
#include "persistence/db_request.hpp"
#include "persistence/jobs_repo.hpp"

namespace switchboard {

namespace {

/// A delivery that mapped to a job, until its batch is acked or nacked.
struct held_job {
  uint64_t connection = 0;
  uint64_t tag = 0;
  new_job job;
};

struct amqp_ingest_state {
  static inline const char* name = "amqp_ingest";

  amqp_ingest_options opts;
  std::unique_ptr<io::amqp::broker_link> link;
  /// Mapped, waiting for the next batch (tag order).
  std::vector<held_job> pending;
  /// The batch being written.
  std::vector<held_job> writing;
  /// The batch whose write failed, handed back after a backoff.
  std::vector<held_job> failed;
  uint32_t connect_failures = 0;
  uint32_t write_failures = 0;
  // Generations of the timers (CAF 0.17 cannot cancel them).
  uint64_t flush_gen = 0;
  bool flush_armed = false;
  uint64_t connect_gen = 0;
  uint64_t retry_gen = 0;
  amqp_ingest_stats stats;
};

using ingest_pointer = amqp_ingest_actor::stateful_pointer<amqp_ingest_state>;

// The highest tag per connection: one ack (or nack) with `multiple` covers
// a batch, because everything older on its connection was already acked,
// nacked or rejected (batches are written one at a time, in tag order).
std::map<uint64_t, uint64_t> last_tags(const std::vector<held_job>& xs) {
  std::map<uint64_t, uint64_t> result;
  for (const auto& x : xs) {
    auto& tag = result[x.connection];
    tag = std::max(tag, x.tag);
  }
  return result;
}

void flush(ingest_pointer self);

void maybe_flush(ingest_pointer self) {
  auto& st = self->state;
  if (!st.writing.empty() || !st.failed.empty() || st.pending.empty()) return;
  if (st.pending.size() >= st.opts.batch_max
      || st.opts.batch_delay.count() == 0) {
    flush(self);
    return;
  }
  if (st.flush_armed) return;
  st.flush_armed = true;
  self->delayed_send(self, st.opts.batch_delay, amqp_flush_atom_v,
                     ++st.flush_gen);
}

void written(ingest_pointer self, const std::vector<enqueue_result>& results) {
  auto& st = self->state;
  for (auto [connection, tag] : last_tags(st.writing))
    st.link->ack(connection, tag, true);
  st.stats.acked += st.writing.size();
  st.stats.created += static_cast<uint64_t>(
      std::count_if(results.begin(), results.end(), [](const auto& r) {
        return r.created;
      }));
  st.writing.clear();
  st.write_failures = 0;
  // What arrived meanwhile has waited a round trip already.
  if (!st.pending.empty()) flush(self);
}

void write_failed(ingest_pointer self, const caf::error& err) {
  auto& st = self->state;
  auto wait = delay(st.opts.backoff, st.write_failures++);
  queue_log()->warn("amqp: enqueue of {} jobs failed ({}); handing them back "
                    "to the broker in {} ms",
                    st.writing.size(), render(err), wait.count());
  st.failed = std::move(st.writing);
  st.writing.clear();
  self->delayed_send(self, wait, amqp_retry_atom_v, ++st.retry_gen);
}

void flush(ingest_pointer self) {
  auto& st = self->state;
  auto n = std::min(st.pending.size(), st.opts.batch_max);
  st.writing.assign(std::make_move_iterator(st.pending.begin()),
                    std::make_move_iterator(st.pending.begin() + n));
  st.pending.erase(st.pending.begin(), st.pending.begin() + n);
  std::vector<new_job> jobs;
  jobs.reserve(n);
  for (const auto& x : st.writing)
    jobs.push_back(x.job);
  // Repeating the statement is harmless only when every job has a key.
  auto keyed = std::all_of(jobs.begin(), jobs.end(), [](const auto& j) {
    return !j.unique_key.empty();
  });
  persistence::db_request(
      self, st.opts.database(), "amqp ingest enqueue",
      [jobs = std::move(jobs)](pqxx::connection_base& conn) {
        return persistence::jobs_repo::enqueue(conn, jobs);
      },
      [self](const std::vector<enqueue_result>& results) {
        written(self, results);
      },
      [self](const caf::error& err) {
        write_failed(self, err);
      },
      persistence::db_request_options{persistence::default_db_timeout, keyed});
}

void on_deliveries(ingest_pointer self, std::vector<amqp_delivery>& xs) {
  auto& st = self->state;
  st.stats.received += xs.size();
  for (auto& d : xs) {
    auto mapped = map_delivery(d, st.opts.queues);
    if (auto* err = std::get_if<mapping_error>(&mapped)) {
      // Without requeue: the broker dead-letters it (if configured).
      st.link->reject(d.connection, d.tag, false);
      ++st.stats.rejected;
      queue_log()->warn("amqp: rejected delivery {} (routing key '{}'): {}",
                        d.tag, d.routing_key, err->reason);
      continue;
    }
    st.pending.push_back(
        held_job{d.connection, d.tag, std::move(std::get<new_job>(mapped))});
  }
  maybe_flush(self);
}

void on_disconnected(ingest_pointer self, const amqp_disconnected& x) {
  auto& st = self->state;
  st.stats.connected = false;
  ++st.stats.disconnects;
  // The broker requeued everything unacked of that connection.
  auto stale = [&](const held_job& h) {
    return h.connection <= x.connection;
  };
  st.pending.erase(std::remove_if(st.pending.begin(), st.pending.end(), stale),
                   st.pending.end());
  st.failed.erase(std::remove_if(st.failed.begin(), st.failed.end(), stale),
                  st.failed.end());
  auto wait = delay(st.opts.backoff, st.connect_failures++);
  queue_log()->warn("amqp: disconnected ({}); connecting again in {} ms",
                    x.reason, wait.count());
  self->delayed_send(self, wait, amqp_conn_atom_v, ++st.connect_gen);
  maybe_flush(self);
}

void on_retry(ingest_pointer self) {
  auto& st = self->state;
  for (auto [connection, tag] : last_tags(st.failed))
    st.link->nack(connection, tag, true, true);
  st.stats.requeued += st.failed.size();
  st.failed.clear();
  maybe_flush(self);
}

amqp_ingest_stats stats_of(const amqp_ingest_state& st) {
  auto result = st.stats;
  result.pending = st.pending.size() + st.writing.size() + st.failed.size();
  return result;
}

amqp_ingest_actor::behavior_type amqp_ingest(ingest_pointer self,
                                             amqp_ingest_options opts) {
  auto& st = self->state;
  st.opts = std::move(opts);
  st.opts.batch_max = std::max<size_t>(st.opts.batch_max, 1);
  st.link = st.opts.make_link(caf::actor_cast<caf::actor>(self));
  st.link->connect();
  return {
      [self](std::vector<amqp_delivery>& xs) {
        on_deliveries(self, xs);
      },
      [self](const amqp_connected& x) {
        self->state.stats.connected = true;
        ++self->state.stats.connects;
        self->state.connect_failures = 0;
        queue_log()->info("amqp: connected (connection {})", x.connection);
      },
      [self](const amqp_disconnected& x) {
        on_disconnected(self, x);
      },
      [self](amqp_flush_atom, uint64_t gen) {
        if (gen != self->state.flush_gen) return;
        auto& st = self->state;
        st.flush_armed = false;
        // The batch waited long enough; while a write is in flight or a
        // failed batch waits, their completion flushes instead.
        if (st.writing.empty() && st.failed.empty() && !st.pending.empty())
          flush(self);
      },
      [self](amqp_conn_atom, uint64_t gen) {
        if (gen == self->state.connect_gen) self->state.link->connect();
      },
      [self](amqp_retry_atom, uint64_t gen) {
        if (gen == self->state.retry_gen) on_retry(self);
      },
      [self](caf::get_atom, stats_atom) {
        return stats_of(self->state);
      },
  };
}

} // namespace

amqp_ingest_actor spawn_amqp_ingest(caf::actor_system& sys,
                                    amqp_ingest_options opts) {
  return sys.spawn<caf::detached>(amqp_ingest, std::move(opts));
}

amqp_ingest_actor spawn_amqp_ingest_scheduled(caf::actor_system& sys,
                                              amqp_ingest_options opts) {
  return sys.spawn(amqp_ingest, std::move(opts));
}

} // namespace switchboard
