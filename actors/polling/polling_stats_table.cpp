#include "actors/polling/polling_stats_table.hpp"

#include <algorithm>

namespace switchboard::polling {

void polling_stats_table::apply(const poller_event& ev) {
  auto i = phases_.find(ev.account_id);
  // A parked account stays counted after its poller quit, until reconnected.
  if (i != phases_.end() && i->second == poller_phase::parked
      && ev.phase == poller_phase::stopped) {
    // keep it
  } else if (i != phases_.end()) {
    --counts_[static_cast<uint8_t>(i->second)];
    if (ev.phase == poller_phase::stopped)
      phases_.erase(i);
    else
      i->second = ev.phase;
  } else if (ev.phase != poller_phase::stopped) {
    phases_.emplace(ev.account_id, ev.phase);
  }
  if (ev.phase != poller_phase::stopped)
    ++counts_[static_cast<uint8_t>(ev.phase)];
  if (ev.phase == poller_phase::active && ev.lateness_us > 0) {
    if (lateness_us_.size() < lateness_window)
      lateness_us_.push_back(ev.lateness_us);
    else
      lateness_us_[next_sample_] = ev.lateness_us;
    next_sample_ = (next_sample_ + 1) % lateness_window;
  }
  auto& totals = platforms_[ev.platform];
  switch (ev.outcome) {
  case poll_outcome::completed:
    ++completed_;
    ++totals.polls;
    totals.duration_us += ev.duration_us;
    totals.messages += ev.messages;
    break;
  case poll_outcome::rate_limited: ++totals.rate_limit_hits; break;
  default: break;
  }
}

uint64_t polling_stats_table::count(poller_phase phase) const {
  return counts_[static_cast<uint8_t>(phase)];
}

polling_stats polling_stats_table::snapshot(uint64_t failed) const {
  polling_stats out;
  out.waiting = count(poller_phase::waiting);
  out.active = count(poller_phase::active);
  out.delayed = count(poller_phase::delayed);
  out.parked = count(poller_phase::parked);
  out.completed = completed_;
  if (!lateness_us_.empty()) {
    auto xs = lateness_us_;
    std::sort(xs.begin(), xs.end());
    auto at = [&](double q) {
      return static_cast<double>(xs[static_cast<size_t>(q * (xs.size() - 1))])
             / 1000.0;
    };
    out.lateness_p50_ms = at(0.5);
    out.lateness_p99_ms = at(0.99);
    out.lateness_max_ms = static_cast<double>(xs.back()) / 1000.0;
  }
  out.failed = failed;
  for (const auto& [name, t] : platforms_) {
    platform_poll_stats x;
    x.platform = name;
    x.polls = t.polls;
    x.rate_limit_hits = t.rate_limit_hits;
    if (t.polls > 0) {
      x.avg_duration_ms = static_cast<double>(t.duration_us) / 1000.0
                          / static_cast<double>(t.polls);
      x.messages_per_poll
          = static_cast<double>(t.messages) / static_cast<double>(t.polls);
    }
    out.platforms.push_back(std::move(x));
  }
  return out;
}

} // namespace switchboard::polling
