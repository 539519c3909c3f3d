#pragma once

// The manager's view of every poller, fed by poller_event reports: how many
// are waiting, active, delayed or parked, how many polls completed, and per
// platform the rate-limit hits, the average poll duration and the messages
// per poll (the seed's getPollingStats and "Metrics to Monitor"). Pure.

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "messages/polling_ops.hpp"

namespace switchboard::polling {

/// Lateness samples kept for the percentiles.
constexpr size_t lateness_window = 65536;

class polling_stats_table {
 public:
  void apply(const poller_event& ev);

  /// A snapshot; `failed` is the number of recorded failures not retried.
  polling_stats snapshot(uint64_t failed) const;

  uint64_t count(poller_phase phase) const;

 private:
  struct platform_totals {
    uint64_t polls = 0;
    uint64_t rate_limit_hits = 0;
    int64_t duration_us = 0;
    uint64_t messages = 0;
  };

  std::unordered_map<std::string, poller_phase> phases_;
  /// Pollers per phase, kept in step with phases_ (indexed by phase).
  uint64_t counts_[5] = {0, 0, 0, 0, 0};
  std::map<std::string, platform_totals> platforms_;
  uint64_t completed_ = 0;
  /// The most recent lateness samples (a ring of lateness_window).
  std::vector<int64_t> lateness_us_;
  size_t next_sample_ = 0;
};

} // namespace switchboard::polling
