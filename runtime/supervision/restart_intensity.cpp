#include "runtime/supervision/restart_intensity.hpp"

#include <algorithm>

namespace switchboard {

namespace {

bool within(const restart_intensity& limit, restart_clock::time_point t,
            restart_clock::time_point now) {
  return t <= now && now - t < limit.period;
}

} // namespace

std::size_t restarts_within(const restart_intensity& limit,
                            const restart_history& history,
                            restart_clock::time_point now) {
  return static_cast<std::size_t>(
      std::count_if(history.begin(), history.end(), [&](auto t) {
        return within(limit, t, now);
      }));
}

bool exceeds_intensity(const restart_intensity& limit,
                       const restart_history& history,
                       restart_clock::time_point now) {
  return restarts_within(limit, history, now) >= limit.max_restarts;
}

void record_restart(const restart_intensity& limit, restart_history& history,
                    restart_clock::time_point now) {
  history.push_back(now);
  auto stale = std::find_if(history.begin(), history.end(), [&](auto t) {
    return within(limit, t, now);
  });
  history.erase(history.begin(), stale);
  if (history.size() > limit.max_restarts)
    history.erase(history.begin(), history.end() - limit.max_restarts);
}

} // namespace switchboard
