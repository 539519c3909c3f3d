#pragma once

// Which handler runs which kind of job in one queue: kind -> a factory that
// spawns the handler. A pool spawns each kind's handler when it first needs
// it and again after it went down; one handler answers any number of
// concurrent requests (the pool bounds them by its concurrency).

#include <functional>
#include <map>
#include <string>

#include <caf/fwd.hpp>

#include "messages/queues.hpp"

namespace switchboard {

using handler_factory = std::function<job_handler_actor(caf::actor_system&)>;

/// kind -> factory.
using handler_table = std::map<std::string, handler_factory>;

} // namespace switchboard
