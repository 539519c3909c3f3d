#include "persistence/batch_writer.hpp"

#include <memory>
#include <optional>
#include <stdexcept>
#include <utility>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include "messages/error.hpp"
#include "persistence/batch_insert.hpp"
#include "persistence/log.hpp"

namespace switchboard::persistence {

namespace {

// The writer's full interface: the public one plus its flush timer, tagged
// with the batch generation it was armed for.
using writer_actor
    = batch_writer_actor::extend<caf::reacts_to<caf::timeout_atom, uint64_t>>;

using waiter = caf::typed_response_promise<db_batch_result>;
using waiter_list = std::vector<waiter>;

struct batch_writer_state {
  explicit batch_writer_state(writer_actor::pointer self) : self(self) {
    // nop
  }

  /// Why `row` cannot be queued, if it cannot.
  caf::error refusal(const db_row& row) const {
    if (stopping)
      return caf::make_error(errc::shutting_down, "batch writer is stopping");
    if (row.values.size() != spec->columns.size())
      return caf::make_error(errc::invalid_argument, "row width", spec->table);
    return caf::none;
  }

  void add(db_row& row, std::optional<waiter> w) {
    rows.push_back(std::move(row));
    if (w) waiters.push_back(std::move(*w));
    ++stats.rows_received;
    if (rows.size() >= opts.max_rows)
      flush();
    else if (rows.size() == 1)
      self->delayed_send(self, opts.max_delay, caf::timeout_atom_v, generation);
  }

  void flush() {
    if (rows.empty()) return;
    ++generation;
    ++stats.in_flight;
    auto batch = std::make_shared<std::vector<db_row>>(std::move(rows));
    auto batch_waiters = std::make_shared<waiter_list>(std::move(waiters));
    rows.clear();
    waiters.clear();
    auto task
        = db_task{[spec = spec, batch](pqxx::connection_base& conn) {
                    return caf::make_message(write_batch(conn, *spec, *batch));
                  },
                  "batch insert into " + spec->table, opts.idempotent};
    auto size = static_cast<uint32_t>(batch->size());
    self->request(opts.db, opts.request_timeout, exec_atom_v, std::move(task))
        .then(
            [this, batch_waiters](db_reply& reply) {
              on_reply(*batch_waiters, reply);
            },
            [this, batch_waiters, size](caf::error& err) {
              on_failure(*batch_waiters, size, err);
            });
  }

  void on_reply(waiter_list& ws, db_reply& reply) {
    if (!reply.value.match_elements<db_batch_result>()) {
      on_failure(ws, 0, caf::make_error(errc::internal, "batch reply"));
      return;
    }
    auto result = reply.value.get_as<db_batch_result>(0);
    --stats.in_flight;
    ++stats.batches;
    stats.rows_inserted += result.inserted;
    stats.rows_skipped += result.skipped;
    for (auto& w : ws)
      w.deliver(result);
    maybe_quit();
  }

  void on_failure(waiter_list& ws, uint32_t size, const caf::error& err) {
    db_log()->warn("batch insert into {} failed ({} rows): {}", spec->table,
                   size, render(err));
    --stats.in_flight;
    ++stats.failed_batches;
    stats.rows_failed += size;
    for (auto& w : ws)
      w.deliver(err);
    maybe_quit();
  }

  void on_timer(uint64_t armed_for) {
    if (armed_for == generation) flush();
  }

  void begin_shutdown(caf::error reason) {
    stopping = true;
    stop_reason = std::move(reason);
    flush();
    maybe_quit();
  }

  void maybe_quit() {
    if (stopping && stats.in_flight == 0) self->quit(stop_reason);
  }

  db_writer_stats snapshot() const {
    auto result = stats;
    result.pending = static_cast<uint32_t>(rows.size());
    return result;
  }

  writer_actor::pointer self;
  batch_writer_options opts;
  std::shared_ptr<const batch_spec> spec;
  std::vector<db_row> rows;
  waiter_list waiters;
  /// Bumped at every flush; a timer armed for an older batch is stale.
  uint64_t generation = 0;
  db_writer_stats stats;
  bool stopping = false;
  caf::error stop_reason;

  static inline const char* name = "batch_writer";
};

writer_actor::behavior_type
batch_writer(writer_actor::stateful_pointer<batch_writer_state> self,
             batch_writer_options opts,
             std::shared_ptr<const batch_spec> spec) {
  self->state.opts = std::move(opts);
  self->state.spec = std::move(spec);
  self->set_exit_handler([self](caf::exit_msg& msg) {
    self->state.begin_shutdown(std::move(msg.reason));
  });
  return {
      [self](caf::put_atom, db_row& row) -> caf::result<db_batch_result> {
        // Refuse before making the promise: a promise claims the reply.
        if (auto err = self->state.refusal(row)) return err;
        self->state.add(row, self->make_response_promise<db_batch_result>());
        return caf::delegated<db_batch_result>{};
      },
      [self](caf::add_atom, db_row& row) {
        if (auto err = self->state.refusal(row)) {
          db_log()->warn("batch writer dropped a row: {}", render(err));
          return;
        }
        self->state.add(row, std::nullopt);
      },
      [self](caf::get_atom, stats_atom) {
        return self->state.snapshot();
      },
      [self](caf::timeout_atom, uint64_t armed_for) {
        self->state.on_timer(armed_for);
      },
  };
}

} // namespace

batch_writer_actor spawn_batch_writer(caf::actor_system& sys,
                                      batch_writer_options opts) {
  auto spec = std::make_shared<const batch_spec>(
      batch_spec{opts.table, opts.columns, opts.conflict_clause});
  validate(*spec);
  if (opts.max_rows == 0)
    throw std::invalid_argument("batch writer: max_rows must be at least 1");
  return sys.spawn(batch_writer, std::move(opts), std::move(spec));
}

} // namespace switchboard::persistence
