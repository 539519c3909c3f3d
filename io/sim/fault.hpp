#pragma once

// A fault profile the simulators inject instead of (or around) a normal
// answer, and the table that decides which request gets one. Pure: parsing
// and drawing are testable without sockets.

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace switchboard::sim {

enum class fault_kind {
  /// 429 with the platform's rate-limit answer; the account's window is
  /// exhausted until `reset_after_ms` from now (Twitter/X headers, FCM
  /// Retry-After).
  rate_limit,
  /// A 5xx (`status`, default 500) with the platform's error body.
  server_error,
  /// No answer; the connection is closed after `delay_ms` (default 60 s),
  /// so a client sees its own timeout first.
  hang,
  /// The connection is closed at once without an answer.
  reset,
  /// 200 with a truncated JSON body.
  malformed,
  /// The normal answer, `delay_ms` late (without holding a thread).
  slow,
  /// 401 as for a revoked token.
  revoked,
};

/// "rate_limit", "server_error", ...
std::string_view fault_name(fault_kind kind);

/// One fault rule. With `count`, it fires for that many matching requests
/// (each with `probability`); without, for every matching request (each with
/// `probability`) until the simulator is reset.
struct fault_rule {
  fault_kind kind = fault_kind::server_error;
  /// Empty: every account.
  std::string account;
  std::optional<uint32_t> count;
  double probability = 1.0;
  /// server_error: 500..599.
  int status = 500;
  /// slow: the delay; hang: how long the connection is held open.
  uint32_t delay_ms = 60000;
  /// rate_limit: when the window resets, from now (0: the platform's window).
  uint32_t reset_after_ms = 0;
};

/// Parses one rule from a JSON object text or an already-parsed object; see
/// docs/simulators.md for the fields. `kind` "timeout" is an alias of "hang".
/// Returns the rules or a message for a 400.
std::variant<std::vector<fault_rule>, std::string>
parse_fault_rules(std::string_view json_text);

/// The active rules of one simulator. Not thread-safe: its owner locks.
class fault_table {
 public:
  explicit fault_table(uint32_t seed);

  void add(fault_rule rule);

  /// Draws the fault, if any, for one request of `account`: the account's
  /// own rules first (in the order added), then the global ones. A rule with
  /// a count is spent as it fires and removed at zero.
  std::optional<fault_rule> draw(const std::string& account);

  const std::deque<fault_rule>& rules() const noexcept {
    return rules_;
  }

  void clear();

 private:
  bool fires(fault_rule& rule);

  std::deque<fault_rule> rules_;
  std::mt19937_64 rng_;
  uint32_t seed_;
};

} // namespace switchboard::sim
