#pragma once

// How a message from the broker becomes a job (docs/amqp.md), as a pure
// function:
// - queue: the routing key's first segment ("media.image" -> media); it must
//   be a queue the configuration names ([queues.*]);
// - kind: the body's "type" (the seed's job shapes), else the routing key's
//   second segment;
// - payload: the body, which must be a JSON object;
// - unique key: "amqp:" + the message-id property, else "amqp:" + the body's
//   "uniqueKey"; with neither there is no dedupe, so a redelivery after a
//   crash can enqueue the job twice;
// - priority, timeout, attempts and backoff: the queue's defaults for the
//   kind (apply_queue_defaults).
//
// A delivery that does not map is rejected; the reason never quotes the body.

#include <string>
#include <variant>

#include "config/config.hpp"
#include "messages/amqp.hpp"
#include "messages/queues.hpp"

namespace switchboard {

/// Why a delivery cannot become a job (for the log).
struct mapping_error {
  std::string reason;
};

/// The job `d` stands for, or why it cannot become one.
std::variant<new_job, mapping_error>
map_delivery(const amqp_delivery& d, const queues_settings& queues);

/// The unique key of a job from a delivery with this message id ("" when
/// the id is empty).
std::string unique_key_for(const std::string& message_id);

} // namespace switchboard
