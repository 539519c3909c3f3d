#pragma once

// What a simulator counts, so that tests and load scenarios can prove what a
// client did (API.md "Simulators"): per account and in total.

#include <cstdint>
#include <map>
#include <string>

namespace switchboard::sim {

/// Counters of one account (or of all accounts together).
struct account_counters {
  /// Platform requests (control routes under /_sim/ are not counted).
  uint64_t requests = 0;
  /// Requests being served now (a slow or hanging one counts until closed).
  uint64_t concurrent = 0;
  /// The highest `concurrent` seen since the last reset.
  uint64_t max_concurrent = 0;
  /// Messages (posts, DM events, comments, inbox rows) in answers.
  uint64_t messages_served = 0;
  /// Messages accepted for sending (FCM, SMSEagle).
  uint64_t messages_accepted = 0;
  /// 429 answers because the account's rate-limit window was exhausted.
  uint64_t rate_limited = 0;
  /// Faults injected (any kind).
  uint64_t errors_injected = 0;
};

/// A copy of a simulator's counters at one instant.
struct stats_snapshot {
  account_counters total;
  std::map<std::string, account_counters> accounts;
  /// Faults injected by kind name ("reset", "slow", ...).
  std::map<std::string, uint64_t> errors_by_kind;

  /// The account's counters, zero when it never made a request.
  account_counters account(const std::string& id) const;
};

} // namespace switchboard::sim
