#include "actors/polling/adaptive_interval_policy.hpp"

#include <algorithm>

namespace switchboard::polling {

namespace {

using ms = std::chrono::milliseconds;

ms clamp(double value, ms lo, ms hi) {
  // Compared as doubles first: a huge factor must not overflow int64.
  if (value <= static_cast<double>(lo.count())) return lo;
  if (value >= static_cast<double>(hi.count())) return hi;
  return ms{static_cast<int64_t>(value)};
}

} // namespace

ms next_interval(ms current, uint32_t new_messages,
                 const adaptive_settings& settings) {
  auto lo = std::min(settings.min, settings.max);
  auto hi = std::max(settings.min, settings.max);
  auto base = std::clamp(current, lo, hi);
  auto factor = new_messages > 0 ? settings.shrink : settings.grow;
  return clamp(static_cast<double>(base.count()) * factor, lo, hi);
}

} // namespace switchboard::polling
