#pragma once

// Restart intensity: at most R restarts within a period T, else the
// supervisor gives up and escalates to its own parent (Erlang's MaxR/MaxT).
// Pure functions over a history of restart instants, oldest first.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace switchboard {

/// At most `max_restarts` restarts within any `period`. max_restarts = 0
/// escalates on the first failure.
struct restart_intensity {
  uint32_t max_restarts = 5;
  std::chrono::milliseconds period{60000};
};

/// The clock of restart instants (CAF's actor clock uses the same one).
using restart_clock = std::chrono::steady_clock;

/// Restart instants, oldest first.
using restart_history = std::vector<restart_clock::time_point>;

/// How many instants of `history` lie within (now - period, now].
std::size_t restarts_within(const restart_intensity& limit,
                            const restart_history& history,
                            restart_clock::time_point now);

/// Whether one more restart at `now` would exceed the limit.
bool exceeds_intensity(const restart_intensity& limit,
                       const restart_history& history,
                       restart_clock::time_point now);

/// Appends `now` and drops instants that can no longer matter (outside the
/// period, or older than the newest `max_restarts`), so a history never
/// holds more than max_restarts instants.
void record_restart(const restart_intensity& limit, restart_history& history,
                    restart_clock::time_point now);

} // namespace switchboard
