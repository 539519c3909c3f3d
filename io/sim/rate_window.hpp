#pragma once

// A fixed rate-limit window per account and endpoint, as Twitter/X and
// LinkedIn count them. Pure: the caller passes the time.

#include <cstdint>

namespace switchboard::sim {

struct rate_window {
  /// When the current window ends (epoch ms); 0: no window yet.
  int64_t reset_at_ms = 0;
  uint32_t used = 0;
};

struct rate_decision {
  bool allowed = false;
  uint32_t limit = 0;
  uint32_t remaining = 0;
  int64_t reset_at_ms = 0;
};

/// Counts one request at `now_ms` against `limit`. An ended window starts a
/// new one, ending at `next_reset_ms` (computed by the caller: now plus the
/// window, or the next UTC midnight). A refused request is not counted.
rate_decision take_request(rate_window& w, int64_t now_ms, uint32_t limit,
                           int64_t next_reset_ms);

/// Spends the window until `until_ms` (a rate_limit fault).
void exhaust(rate_window& w, uint32_t limit, int64_t until_ms);

/// The next UTC midnight after `now_ms`, in epoch ms.
int64_t next_utc_midnight_ms(int64_t now_ms);

} // namespace switchboard::sim
