#include "actors/polling/timer_slack_policy.hpp"

namespace switchboard::polling {

caf::timestamp coalesced(caf::timestamp at, std::chrono::milliseconds slack) {
  if (slack.count() <= 0) return at;
  auto grid = std::chrono::duration_cast<caf::timespan>(slack);
  auto t = at.time_since_epoch();
  auto rest = t % grid;
  if (rest.count() == 0) return at;
  // Before the epoch the remainder is negative: one grid step less.
  return caf::timestamp{t - rest
                        + (rest.count() > 0 ? grid : caf::timespan{0})};
}

} // namespace switchboard::polling
