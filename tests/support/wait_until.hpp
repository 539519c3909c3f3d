#pragma once

// Waiting on real time in integration tests without fixed sleeps: poll a
// condition until it holds or a deadline passes.

#include <chrono>
#include <thread>

namespace switchboard::test {

/// Polls `condition` about every millisecond; returns whether it held
/// before `deadline` ran out (checked once more at the deadline).
template <class Condition>
bool wait_until(Condition condition,
                std::chrono::milliseconds deadline = std::chrono::seconds{5}) {
  auto until = std::chrono::steady_clock::now() + deadline;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= until) return condition();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

} // namespace switchboard::test
