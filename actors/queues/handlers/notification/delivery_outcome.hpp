#pragma once

// The notification job's policy, as pure functions: how a delivery attempt
// ends for the queue, and what the notifications log records of it.
//
//   delivered -> job_completed({"provider_message_id": ...})
//   transient -> job_retry(error, Retry-After) : the job's backoff, or the
//                provider's Retry-After when it gave one
//   permanent -> job_failed(error)             : dead at once, no retry

#include <string>

#include <caf/error.hpp>
#include <caf/timestamp.hpp>

#include "messages/notifications.hpp"
#include "messages/queues.hpp"

namespace switchboard::notify {

/// The job outcome of one attempt. The error text is "<type>: <error>
/// [<code>]"; never a recipient or a body.
job_outcome to_job_outcome(const std::string& type, const delivery_result& r);

/// A permanent failure for a payload that cannot be sent.
delivery_result invalid_payload(std::string error);

/// A permanent failure for a channel with no provider configured.
delivery_result not_configured(const std::string& type);

/// A transient failure when the sender did not answer in time or failed
/// itself (`err` as rendered; never holds a secret).
delivery_result sender_failed(const caf::error& err);

/// The row of the notifications log for attempt `n` that ended as `r`.
notification_attempt make_attempt(const notification& n,
                                  const delivery_result& r,
                                  caf::timestamp started,
                                  caf::timestamp finished);

} // namespace switchboard::notify
