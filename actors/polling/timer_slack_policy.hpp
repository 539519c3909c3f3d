#pragma once

// Timer slack for regular polls. 100,000 accounts at a 60 s interval start
// 1,666 polls a second; with one timer each, every poll wakes CAF's clock
// thread, a scheduler worker and the HTTP client's thread on its own, and
// those wake-ups were most of the node's CPU. Rounding a regular poll's
// start up to a shared grid makes polls due within one slack period start
// together: one wake-up serves them all (bench/polling_fleet.cpp: 0.55 ->
// 0.35 cores with a 10 ms grid). Retries, rate-limit resets and the 5xx
// delay keep their exact times.

#include <chrono>

#include <caf/timestamp.hpp>

namespace switchboard::polling {

/// `at` rounded up to the next multiple of `slack` since the epoch; `at`
/// itself when it lies on the grid or `slack` is not positive. Never
/// earlier than `at`, at most `slack` minus one tick later.
caf::timestamp coalesced(caf::timestamp at, std::chrono::milliseconds slack);

} // namespace switchboard::polling
