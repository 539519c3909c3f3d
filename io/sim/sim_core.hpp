#pragma once

// What every simulator shares: its clock, per-account state (counters and
// rate-limit windows), the fault table, and the path of one platform request
// through them (count it, maybe inject a fault, answer now or later). The
// platform files add routes around it. Asio stays in sim_core.cpp.

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/config.hpp"
#include "io/http/message.hpp"
#include "io/http/responder.hpp"
#include "io/sim/fault.hpp"
#include "io/sim/rate_window.hpp"
#include "io/sim/sim_stats.hpp"

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace switchboard::sim {

enum class platform;

/// One account's state: small, since a benchmark drives 100,000 accounts.
struct account_state {
  account_counters counters;
  /// One window per rate-limited endpoint of the platform.
  std::array<rate_window, 2> windows;
};

/// Answers a fault of kind rate_limit, server_error or revoked the way the
/// platform does (it may also update the account, e.g. spend its window).
using fault_renderer
    = std::function<http::response(const fault_rule&, const std::string&)>;

class sim_core {
 public:
  sim_core(platform kind, const simulator_settings& settings,
           boost::asio::io_context& context);

  platform kind() const noexcept {
    return kind_;
  }

  const simulator_settings& settings() const noexcept {
    return settings_;
  }

  // -- clock ----------------------------------------------------------------

  int64_t now_ms() const noexcept;
  /// When the message streams started (epoch ms, sim clock).
  int64_t start_ms() const noexcept {
    return start_ms_;
  }
  void advance(std::chrono::milliseconds by) noexcept;

  // -- one platform request -------------------------------------------------

  /// Counts a request of `account`, then answers through `res`: with an
  /// injected fault when one is drawn (reset, hang, slow and malformed
  /// handled here, the rest by `render`), else with `produce()`.
  void serve(const std::string& account, const http::responder& res,
             const fault_renderer& render,
             const std::function<http::response()>& produce);

  /// Runs `fn(account_state&)` under the lock.
  template <class F>
  auto with_account(const std::string& account, F&& fn) {
    std::lock_guard<std::mutex> guard{mtx_};
    return fn(accounts_[account]);
  }

  void count_served(const std::string& account, uint64_t n);
  void count_accepted(const std::string& account, uint64_t n);
  void count_rate_limited(const std::string& account);

  // -- control --------------------------------------------------------------

  stats_snapshot stats(bool per_account = true) const;
  void add_fault(fault_rule rule);
  std::vector<fault_rule> faults() const;
  /// Clears counters, faults and windows, and calls every reset hook.
  void reset();
  /// Platform state to clear on reset (called without the core's lock).
  void on_reset(std::function<void()> hook);

  void set_port(uint16_t port) noexcept {
    port_ = port;
  }
  uint16_t port() const noexcept {
    return port_;
  }

 private:
  /// Counts the request and draws its fault under one lock.
  std::optional<fault_rule> begin(const std::string& account);
  void end(const std::string& account);
  void answer(const std::string& account, const http::responder& res,
              http::response r);
  void answer_after(const std::string& account, const http::responder& res,
                    http::response r, std::chrono::milliseconds delay);

  platform kind_;
  simulator_settings settings_;
  boost::asio::io_context& context_;
  std::atomic<int64_t> offset_ms_{0};
  int64_t start_ms_;
  std::atomic<uint16_t> port_{0};

  mutable std::mutex mtx_;
  std::unordered_map<std::string, account_state> accounts_;
  account_counters total_;
  std::map<std::string, uint64_t> errors_by_kind_;
  fault_table faults_;
  std::vector<std::function<void()>> reset_hooks_;
};

/// The bearer token of `Authorization: Bearer <token>`, or "".
std::string bearer_token(const http::request& req);

/// Whether `text` is 1 to `max_digits` ASCII digits.
bool all_digits(std::string_view text, std::size_t max_digits = 19);

} // namespace switchboard::sim
