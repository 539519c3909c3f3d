#include "runtime/signals.hpp"

#include <pthread.h>
#include <signal.h>
#include <string>

namespace switchboard {

namespace {

sigset_t termination_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  // SIGUSR2 only wakes the watcher when the node stops for another reason.
  sigaddset(&set, SIGUSR2);
  return set;
}

} // namespace

void block_termination_signals() {
  auto set = termination_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
}

signal_watcher::signal_watcher(shutdown_latch& latch) {
  thread_ = std::thread{[&latch] {
    auto set = termination_set();
    int sig = 0;
    if (sigwait(&set, &sig) != 0 || sig == SIGUSR2) return;
    latch.trigger(sig == SIGINT ? "SIGINT" : "SIGTERM");
  }};
}

signal_watcher::~signal_watcher() {
  pthread_kill(thread_.native_handle(), SIGUSR2);
  thread_.join();
}

} // namespace switchboard
