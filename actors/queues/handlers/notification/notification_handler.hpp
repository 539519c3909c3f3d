#pragma once

// The notification queue's job handler (kinds push, email, sms; seed 002
// "Notification Queue"). For each attempt it
//   1. validates the payload (notification_payload.hpp): an unusable one
//      fails the job for good, naming the field;
//   2. asks the channel's sender to deliver it (send_timeout; no answer is a
//      transient failure);
//   3. records the attempt in `notifications` through the batching writer,
//      successful or not (only a payload without a valid type or userId
//      cannot be recorded);
//   4. answers the pool with delivery_outcome.hpp's mapping: delivered ->
//      completed, transient -> retry (honouring Retry-After), permanent ->
//      failed (dead, no retry).
// A log write that fails is logged and does not change the outcome: the
// notification went out, and retrying the job would send it twice.
// Logs name the job, attempt, type and error code, never a recipient or body.

#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

#include "messages/database.hpp"
#include "messages/notifications.hpp"
#include "messages/queues.hpp"

namespace switchboard::notify {

/// One sender per channel; a default-constructed (invalid) handle means the
/// channel is not configured and its jobs fail with not_configured.
struct notification_senders {
  notification_sender_actor push;
  notification_sender_actor email;
  notification_sender_actor sms;
};

struct notification_handler_options {
  notification_senders senders;
  /// The batching writer of `notifications`
  /// (persistence::notifications_repo::writer_options).
  batch_writer_actor log;
  /// How long a sender may take; below the queue's job timeout.
  caf::timespan send_timeout = std::chrono::seconds(25);
  /// How long recording an attempt may take.
  caf::timespan record_timeout = std::chrono::seconds(10);
};

job_handler_actor spawn_notification_handler(caf::actor_system& sys,
                                             notification_handler_options opts);

/// The handler's behavior, for actors that set up its senders themselves
/// (notification_service.hpp).
job_handler_actor::behavior_type
notification_handler_behavior(job_handler_actor::pointer self,
                              notification_handler_options opts);

} // namespace switchboard::notify
