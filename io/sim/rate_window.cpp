#include "io/sim/rate_window.hpp"

namespace switchboard::sim {

rate_decision take_request(rate_window& w, int64_t now_ms, uint32_t limit,
                           int64_t next_reset_ms) {
  if (now_ms >= w.reset_at_ms) {
    w.reset_at_ms = next_reset_ms;
    w.used = 0;
  }
  rate_decision d;
  d.limit = limit;
  d.reset_at_ms = w.reset_at_ms;
  if (w.used >= limit) return d;
  ++w.used;
  d.allowed = true;
  d.remaining = limit - w.used;
  return d;
}

void exhaust(rate_window& w, uint32_t limit, int64_t until_ms) {
  w.reset_at_ms = until_ms;
  w.used = limit;
}

int64_t next_utc_midnight_ms(int64_t now_ms) {
  constexpr int64_t day = 24LL * 60 * 60 * 1000;
  return (now_ms / day + 1) * day;
}

} // namespace switchboard::sim
