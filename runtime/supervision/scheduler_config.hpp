#pragma once

// The CAF scheduler every switchboard actor system runs on (the node and the
// benchmarks, so their figures are the node's).
//
// CAF 0.17's work-stealing workers never block: an idle worker polls its
// queue, sleeping 50 us between polls for a while, then 10 ms. Each sleep
// is a wake-up, and a message sent to a worker asleep for 10 ms waits that
// long. The sharing policy keeps one queue behind a mutex and a condition
// variable: idle workers block and wake at once for new work. With one
// worker per core the mutex is not contended, and it never steals, so a
// mass wake-up (100,000 pollers stopping) is not quadratic either.
// Measured (bench/queue_throughput.cpp, 50,000 no-op jobs): 4.2 s of node
// CPU with stealing, 2.1 s with sharing, same throughput.

#include <caf/fwd.hpp>

namespace switchboard {

/// Sets the scheduler policy (sharing) and one worker per core (at least 2).
caf::actor_system_config& configure_scheduler(caf::actor_system_config& cfg);

} // namespace switchboard
