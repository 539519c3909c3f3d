#pragma once

// Adaptive polling intervals (seed 000 "Future Enhancements" 1), for
// accounts connected with adaptive = true: the interval shrinks toward a
// minimum while messages arrive and grows toward a maximum while an account
// is idle. Shrinking is fast (a conversation is answered quickly), growing
// is gentle (one idle poll proves little).

#include <chrono>
#include <cstdint>

namespace switchboard::polling {

struct adaptive_settings {
  /// polling.min_interval_ms
  std::chrono::milliseconds min{std::chrono::seconds{10}};
  /// polling.max_interval_ms
  std::chrono::milliseconds max{std::chrono::minutes{10}};
  /// Applied after a poll that fetched messages.
  double shrink = 0.5;
  /// Applied after a poll that fetched none.
  double grow = 1.5;
};

/// The interval after a poll that fetched `new_messages`, starting from
/// `current`; always within [min, max] (a current value outside is first
/// brought inside).
std::chrono::milliseconds next_interval(std::chrono::milliseconds current,
                                        uint32_t new_messages,
                                        const adaptive_settings& settings);

} // namespace switchboard::polling
