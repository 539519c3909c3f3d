#pragma once

// The pollers' batching writer: poll results from many pollers are stored
// together, one transaction per batch (polled_messages_repo::record_polls:
// messages inserted once, each account's cursor advanced with them), so a
// fleet of pollers costs one commit per batch rather than one per poll.
//
// Failed polls' bookkeeping (poll_note: last_error, next poll, failure
// rows) goes through the same batches (persistence/poll_notes_repo.hpp), so
// a burst of failures costs a few multi-row statements, not one commit per
// failure.
//
// Promises: a batch is written when it holds `max_results` results and
// notes or `max_delay` after its first one (at once when max_delay is 0);
// each requester gets its account's poll_stored, or the batch's error.
// Notes are one-way: one that cannot be written is logged (a warning with
// the count, never a text) and dropped. Only one batch is written at a
// time; what arrives meanwhile forms the next one. Within a batch results
// are written before notes (a note of the same account in the same batch
// comes from a later poll, save a "poll now" racing a failure). A batch is
// marked idempotent, so the pool may run it again after a commit whose
// outcome was lost: results are written once regardless, notes may then be
// counted twice (one more consecutive failure, a duplicate failure row),
// which only the bookkeeping sees.
//
//   (poll_result) -> poll_stored
//   (poll_note)   one-way

#include <chrono>
#include <functional>
#include <memory>

#include <caf/actor.hpp>
#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

#include "messages/database.hpp"

namespace switchboard::crypto {
class keyring;
} // namespace switchboard::crypto

namespace switchboard::polling {

struct poll_store_options {
  std::function<database_actor()> database;
  std::shared_ptr<const crypto::keyring> ring;
  size_t max_results = 500;
  caf::timespan max_delay = std::chrono::milliseconds{50};
  caf::timespan timeout = std::chrono::seconds{30};
};

caf::actor spawn_poll_store(caf::actor_system& sys, poll_store_options opts);

} // namespace switchboard::polling
