#include "actors/queues/blocking_handler.hpp"

#include <exception>
#include <memory>
#include <string>

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>
#include <caf/typed_event_based_actor.hpp>

namespace switchboard {

namespace {

using shared_fn = std::shared_ptr<const blocking_job_fn>;

job_outcome run_guarded(const blocking_job_fn& fn, const job& x) {
  try {
    return fn(x);
  } catch (const std::exception& e) {
    return job_retry(std::string{"unexpected error: "} + e.what());
  } catch (...) {
    return job_retry("unexpected error");
  }
}

// One attempt on a thread of its own; it quits after answering.
job_handler_actor::behavior_type attempt_runner(job_handler_actor::pointer self,
                                                shared_fn fn) {
  return {
      [self, fn](run_job_atom, const job& x) {
        auto outcome = run_guarded(*fn, x);
        self->quit();
        return outcome;
      },
  };
}

job_handler_actor::behavior_type
blocking_handler(job_handler_actor::pointer self, shared_fn fn) {
  return {
      [self, fn](run_job_atom, const job& x) -> caf::result<job_outcome> {
        auto rp = self->make_response_promise<job_outcome>();
        auto runner = self->spawn<caf::detached>(attempt_runner, fn);
        self->request(runner, caf::infinite, run_job_atom_v, x)
            .then(
                [rp](job_outcome& outcome) mutable {
                  rp.deliver(std::move(outcome));
                },
                [rp](caf::error&) mutable {
                  rp.deliver(job_retry("handler thread failed"));
                });
        return rp;
      },
  };
}

job_handler_actor::behavior_type noop_handler(job_handler_actor::pointer) {
  return {
      [](run_job_atom, const job&) {
        return job_completed();
      },
  };
}

} // namespace

job_handler_actor make_blocking_handler(caf::actor_system& sys,
                                        blocking_job_fn fn) {
  auto shared = std::make_shared<const blocking_job_fn>(std::move(fn));
  return sys.spawn(blocking_handler, std::move(shared));
}

job_handler_actor make_noop_handler(caf::actor_system& sys) {
  return sys.spawn(noop_handler);
}

} // namespace switchboard
