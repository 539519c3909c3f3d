#pragma once

// The pollers' batching writer: poll results from many pollers are stored
// together, one transaction per batch (polled_messages_repo::record_polls:
// messages inserted once, each account's cursor advanced with them), so a
// fleet of pollers costs one commit per batch rather than one per poll.
//
// Promises: a batch is written when it holds `max_results` results or
// `max_delay` after its first result (at once when max_delay is 0); each
// requester gets its account's poll_stored, or the batch's error. Only one
// batch is written at a time; results arriving meanwhile form the next one.
//
//   (poll_result) -> poll_stored

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
  size_t max_results = 200;
  caf::timespan max_delay = std::chrono::milliseconds{5};
  caf::timespan timeout = std::chrono::seconds{30};
};

caf::actor spawn_poll_store(caf::actor_system& sys, poll_store_options opts);

} // namespace switchboard::polling
