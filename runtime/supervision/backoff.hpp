#pragma once

// Backoff policies: how long to wait before the next attempt of something
// that failed (a child restart, a reconnect, a poll, a job). This file and
// retry.hpp are the only place in switchboard where that arithmetic lives.
//
// `delay` is pure: the random number for jitter is a parameter, so callers
// and tests decide where randomness comes from. `random01()` draws one from a
// thread-local PRNG for production callers.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace switchboard {

/// How a computed delay is randomised (see "Exponential Backoff And Jitter",
/// AWS architecture blog): none keeps it; full draws uniformly from [0, d);
/// equal keeps half and draws the other half from [0, d/2).
enum class jitter_mode : uint8_t { none, full, equal };

/// Parses "none", "full" or "equal"; anything else is nullopt.
std::optional<jitter_mode> parse_jitter(std::string_view text);

/// Stable name of a jitter mode ("none", "full", "equal").
const char* to_string(jitter_mode x);

/// A delay that is either fixed or grows by `factor` per attempt up to `cap`.
struct backoff_policy {
  enum class growth : uint8_t { fixed, exponential };
  growth kind = growth::exponential;
  /// The delay of attempt 0, and of every attempt when fixed.
  std::chrono::milliseconds base{1000};
  /// Multiplier per attempt (exponential only); values below 1 count as 1.
  double factor = 2.0;
  /// Upper bound of the delay before jitter (exponential only).
  std::chrono::milliseconds cap{30000};
  jitter_mode jitter = jitter_mode::none;
};

/// The same `delay` on every attempt.
backoff_policy fixed_backoff(std::chrono::milliseconds delay,
                             jitter_mode jitter = jitter_mode::none);

/// base, base * factor, base * factor^2, ... never above cap.
backoff_policy exponential_backoff(std::chrono::milliseconds base,
                                   double factor, std::chrono::milliseconds cap,
                                   jitter_mode jitter = jitter_mode::none);

/// The delay before attempt `attempt` (0-based: attempt 0 waits `base`),
/// with jitter drawn from `random01` in [0, 1). Never negative, never above
/// the cap (exponential) or base (fixed), and safe for any `attempt`.
std::chrono::milliseconds delay(const backoff_policy& policy, uint32_t attempt,
                                double random01);

/// `delay` with a number from `random01()`.
std::chrono::milliseconds delay(const backoff_policy& policy, uint32_t attempt);

/// A uniformly distributed number in [0, 1) from a thread-local PRNG.
double random01();

} // namespace switchboard
