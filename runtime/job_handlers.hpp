#pragma once

// The job handlers of every queue: which kinds this node runs, and with
// what. Each area's handlers are added here (notification: push, email,
// sms; media: image, audio, video; cleanup: ...). Every queue runs `noop`
// (completes at once), for smoke tests and benchmarks.

#include <string>

#include "actors/queues/handler_table.hpp"
#include "config/config.hpp"

namespace switchboard {

/// The handler table of `queue`.
handler_table job_handlers(const config& cfg, const std::string& queue);

} // namespace switchboard
