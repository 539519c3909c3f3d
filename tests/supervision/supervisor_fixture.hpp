#pragma once

// Shared fixture of the supervisor suites: a deterministic actor system, a
// tiny worker actor, a start function that logs every instance it spawns,
// and blocking helpers that never fire timers (sched.run(), not run()).

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "caf/test/dsl.hpp"

#include "messages/all.hpp"
#include "messages/error.hpp"
#include "messages/supervision.hpp"
#include "runtime/supervision/supervisor.hpp"

namespace switchboard::test {

using namespace std::chrono_literals;

struct test_config : caf::actor_system_config {
  test_config() {
    switchboard::add_message_types(*this);
  }
};

/// A child with one integer of state. close_atom makes it exit cleanly.
struct worker_state {
  int32_t value = 0;
  static inline const char* name = "worker";
};

inline caf::behavior worker(caf::stateful_actor<worker_state>* self) {
  return {
      [self](caf::put_atom, int32_t x) {
        self->state.value = x;
      },
      [self](caf::get_atom) {
        return self->state.value;
      },
      [self](caf::close_atom) {
        self->quit();
      },
  };
}

/// A child that ignores exit messages, to exercise the shutdown deadline.
inline caf::behavior stubborn(caf::event_based_actor* self) {
  self->set_exit_handler([](caf::exit_msg&) {
    // nop: refuse to stop
  });
  return {
      [](caf::get_atom) {
        return int32_t{0};
      },
  };
}

/// Every instance spawned through `logged_start`, in start order.
struct start_log {
  std::vector<std::pair<std::string, caf::actor>> starts;

  std::size_t count(const std::string& name) const {
    std::size_t n = 0;
    for (auto& entry : starts)
      n += entry.first == name ? 1 : 0;
    return n;
  }

  /// The most recent instance of `name`.
  caf::actor last(const std::string& name) const {
    for (auto i = starts.rbegin(); i != starts.rend(); ++i)
      if (i->first == name) return i->second;
    return nullptr;
  }
};

using start_log_ptr = std::shared_ptr<start_log>;

/// Spawns `worker` (or `fun`) and logs the handle.
template <class F = decltype(&worker)>
start_fn logged_start(start_log_ptr log, F fun = &worker) {
  return [log, fun](caf::local_actor* sup, const std::string& name) {
    auto hdl = caf::actor_cast<caf::actor>(sup->spawn(fun));
    log->starts.emplace_back(name, hdl);
    return hdl;
  };
}

/// Options with a plain 1 s, 2 s, 4 s ... backoff and 5 restarts in 60 s.
inline supervisor_options test_options(std::string name = "sup") {
  supervisor_options opts;
  opts.name = std::move(name);
  opts.backoff = exponential_backoff(1s, 2.0, 30s);
  opts.intensity = restart_intensity{5, 60s};
  opts.shutdown_deadline = 5s;
  return opts;
}

struct fixture : test_coordinator_fixture<test_config> {
  fixture() : log(std::make_shared<start_log>()) {
    // nop
  }

  ~fixture() override {
    // Supervisors arm timers: stop them before the base destructor's run().
    for (auto& hdl : to_stop)
      caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
    sched.run();
  }

  /// A worker child named `name` of kind "worker".
  child_spec worker_child(std::string name,
                          restart_type restart = restart_type::permanent) {
    return make_child(std::move(name), "worker", logged_start(log), restart);
  }

  /// Spawns a supervisor and runs its start-up.
  supervisor_actor start_sup(supervisor_options opts,
                             std::vector<child_spec> children) {
    auto hdl = spawn_supervisor(sys, std::move(opts), std::move(children));
    to_stop.push_back(caf::actor_cast<caf::actor>(hdl));
    sched.run();
    return hdl;
  }

  /// Sends a request, runs the actors (no timers), returns the reply.
  template <class T, class Handle, class... Ts>
  T ask(const Handle& hdl, Ts... xs) {
    auto res = self->request(hdl, caf::infinite, std::move(xs)...);
    sched.run();
    T result{};
    res.receive(
        [&](T& x) {
          result = std::move(x);
        },
        [&](caf::error& err) {
          CAF_FAIL(sys.render(err));
        });
    return result;
  }

  /// Like `ask`, but expects an error and returns it.
  template <class T, class Handle, class... Ts>
  caf::error ask_error(const Handle& hdl, Ts... xs) {
    auto res = self->request(hdl, caf::infinite, std::move(xs)...);
    sched.run();
    caf::error result;
    res.receive(
        [&](T&) {
          CAF_FAIL("expected an error");
        },
        [&](caf::error& err) {
          result = std::move(err);
        });
    return result;
  }

  child_info info(const supervisor_actor& sup, const std::string& name) {
    return ask<child_info>(sup, caf::get_atom_v, name);
  }

  supervisor_summary summary(const supervisor_actor& sup) {
    return ask<supervisor_summary>(sup, stats_atom_v);
  }

  /// Makes `child` fail (exit with an error) and runs the actors.
  void fail(const caf::actor& child) {
    self->send_exit(child, caf::make_error(errc::internal, "test failure"));
    sched.run();
  }

  /// The next DOWN message for the fixture's scoped actor, without waiting.
  caf::down_msg next_down() {
    caf::down_msg result;
    self->receive(
        [&](caf::down_msg& msg) {
          result = std::move(msg);
        },
        caf::after(std::chrono::seconds(0)) >>
            [] {
              CAF_FAIL("no DOWN message");
            });
    return result;
  }

  /// Whether the fixture's scoped actor has a message waiting.
  bool has_message() {
    return self->mailbox().size() > 0;
  }

  /// Pending timers on the test clock.
  std::size_t timers() {
    return sched.clock().schedule().size();
  }

  start_log_ptr log;
  std::vector<caf::actor> to_stop;
};

} // namespace switchboard::test
