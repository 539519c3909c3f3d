#include "io/sim/sim_core.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

namespace switchboard::sim {

namespace {

int64_t system_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch())
      .count();
}

/// What a client gets for a `malformed` fault: a JSON document cut short.
http::response malformed_answer() {
  return http::text(200, R"({"data":[{"id":"1","text":"trunc)",
                    "application/json");
}

void bump(account_counters& c) {
  ++c.requests;
  ++c.concurrent;
  if (c.concurrent > c.max_concurrent) c.max_concurrent = c.concurrent;
}

} // namespace

sim_core::sim_core(platform kind, const simulator_settings& settings,
                   boost::asio::io_context& context)
    : kind_(kind), settings_(settings), context_(context),
      start_ms_(system_now_ms()), faults_(settings.seed) {
  // nop
}

int64_t sim_core::now_ms() const noexcept {
  return system_now_ms() + offset_ms_.load();
}

void sim_core::advance(std::chrono::milliseconds by) noexcept {
  offset_ms_ += by.count();
}

void sim_core::serve(const std::string& account, const http::responder& res,
                     const fault_renderer& render,
                     const std::function<http::response()>& produce) {
  using std::chrono::milliseconds;
  auto fault = begin(account);
  if (!fault) return answer(account, res, produce());
  switch (fault->kind) {
  case fault_kind::reset: return answer(account, res, http::abort_connection());
  case fault_kind::hang:
    return answer_after(account, res, http::abort_connection(),
                        milliseconds{fault->delay_ms});
  case fault_kind::slow:
    return answer_after(account, res, produce(), milliseconds{fault->delay_ms});
  case fault_kind::malformed: return answer(account, res, malformed_answer());
  default: return answer(account, res, render(*fault, account));
  }
}

std::optional<fault_rule> sim_core::begin(const std::string& account) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto& state = accounts_[account];
  bump(state.counters);
  bump(total_);
  auto fault = faults_.draw(account);
  if (fault) {
    ++state.counters.errors_injected;
    ++total_.errors_injected;
    ++errors_by_kind_[std::string{fault_name(fault->kind)}];
  }
  return fault;
}

void sim_core::end(const std::string& account) {
  std::lock_guard<std::mutex> guard{mtx_};
  // A reset in between may have dropped the account's counters.
  if (auto i = accounts_.find(account);
      i != accounts_.end() && i->second.counters.concurrent > 0)
    --i->second.counters.concurrent;
  if (total_.concurrent > 0) --total_.concurrent;
}

void sim_core::answer(const std::string& account, const http::responder& res,
                      http::response r) {
  end(account);
  res(std::move(r));
}

void sim_core::answer_after(const std::string& account,
                            const http::responder& res, http::response r,
                            std::chrono::milliseconds delay) {
  // A timer on the Asio context, so a slow answer holds no thread.
  auto timer = std::make_shared<boost::asio::steady_timer>(context_, delay);
  timer->async_wait([this, timer, account, res,
                     r = std::move(r)](const boost::system::error_code&) {
    answer(account, res, r);
  });
}

void sim_core::count_served(const std::string& account, uint64_t n) {
  std::lock_guard<std::mutex> guard{mtx_};
  accounts_[account].counters.messages_served += n;
  total_.messages_served += n;
}

void sim_core::count_accepted(const std::string& account, uint64_t n) {
  std::lock_guard<std::mutex> guard{mtx_};
  accounts_[account].counters.messages_accepted += n;
  total_.messages_accepted += n;
}

void sim_core::count_rate_limited(const std::string& account) {
  std::lock_guard<std::mutex> guard{mtx_};
  ++accounts_[account].counters.rate_limited;
  ++total_.rate_limited;
}

stats_snapshot sim_core::stats(bool per_account) const {
  stats_snapshot out;
  std::lock_guard<std::mutex> guard{mtx_};
  out.total = total_;
  out.errors_by_kind = errors_by_kind_;
  if (per_account)
    for (const auto& [id, state] : accounts_)
      out.accounts.emplace(id, state.counters);
  return out;
}

void sim_core::add_fault(fault_rule rule) {
  std::lock_guard<std::mutex> guard{mtx_};
  faults_.add(std::move(rule));
}

std::vector<fault_rule> sim_core::faults() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return {faults_.rules().begin(), faults_.rules().end()};
}

void sim_core::reset() {
  std::vector<std::function<void()>> hooks;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    // Requests still in flight keep being counted as concurrent.
    std::unordered_map<std::string, account_state> kept;
    for (auto& [id, state] : accounts_)
      if (state.counters.concurrent > 0) {
        auto& k = kept[id];
        k.counters.concurrent = state.counters.concurrent;
        k.counters.max_concurrent = state.counters.concurrent;
      }
    accounts_.swap(kept);
    auto in_flight = total_.concurrent;
    total_ = {};
    total_.concurrent = total_.max_concurrent = in_flight;
    errors_by_kind_.clear();
    faults_.clear();
    hooks = reset_hooks_;
  }
  for (auto& hook : hooks)
    hook();
}

void sim_core::on_reset(std::function<void()> hook) {
  std::lock_guard<std::mutex> guard{mtx_};
  reset_hooks_.push_back(std::move(hook));
}

std::string bearer_token(const http::request& req) {
  const auto& value = req.header("authorization");
  constexpr std::string_view prefix = "Bearer ";
  if (value.size() <= prefix.size()
      || value.compare(0, prefix.size(), prefix) != 0)
    return {};
  return value.substr(prefix.size());
}

bool all_digits(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

} // namespace switchboard::sim
