#pragma once

// When a poller polls first after the node starts (seed 000 "Smart
// Scheduling": no start-up stampede). Each account's first poll lands at a
// fixed offset within its interval, derived from its id, so thousands of
// accounts spread evenly over the interval, and the same account gets the
// same slot on every start and every node.

#include <chrono>
#include <string_view>

#include <caf/optional.hpp>
#include <caf/timestamp.hpp>

namespace switchboard::polling {

/// The account's offset in [0, interval); 0 for a non-positive interval.
std::chrono::milliseconds spread_offset(std::string_view account_id,
                                        std::chrono::milliseconds interval);

/// When a poller started at `now` polls first: at the stored next_poll_at
/// while that is still ahead (a rate-limit reset or a regular poll carried
/// over a restart is honoured), else at now + spread_offset().
caf::timestamp first_poll_at(std::string_view account_id,
                             std::chrono::milliseconds interval,
                             const caf::optional<caf::timestamp>& stored_next,
                             caf::timestamp now);

} // namespace switchboard::polling
