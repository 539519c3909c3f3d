#pragma once

// Job handlers for blocking work (libvips, an ffmpeg child process, libcurl
// SMTP): the function runs on a thread of its own, never on a CAF scheduler
// thread, so a slow job cannot stall other actors.
//
//   auto resize = make_blocking_handler(sys, [cfg](const job& j) {
//     ... return job_completed(R"({"width": 320})");
//   });
//
// Promises:
// - Each request runs `fn` on a fresh detached actor (its own thread); the
//   handler stays responsive and runs requests concurrently (the pool's
//   concurrency bounds how many).
// - The answer goes back to the requester through a response promise. An
//   exception thrown by `fn` becomes job_retry("unexpected error: <what>"),
//   so `fn` must not throw texts holding secrets.
// - The pool's request timeout abandons an attempt; the thread still runs
//   to its end (a thread cannot be cancelled) and its late answer is
//   dropped. Give blocking calls their own timeouts (ffmpeg, SMTP).

#include <functional>

#include <caf/fwd.hpp>

#include "messages/queues.hpp"

namespace switchboard {

using blocking_job_fn = std::function<job_outcome(const job&)>;

/// A handler that runs `fn` off the scheduler for each request.
job_handler_actor make_blocking_handler(caf::actor_system& sys,
                                        blocking_job_fn fn);

/// A handler that completes every job at once with no result: registered
/// under kind `noop` on every queue (smoke tests, benchmarks).
job_handler_actor make_noop_handler(caf::actor_system& sys);

} // namespace switchboard
