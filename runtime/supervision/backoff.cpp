#include "runtime/supervision/backoff.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace switchboard {

namespace {

using std::chrono::milliseconds;

/// The delay before jitter, computed in double so that factor^attempt may
/// overflow to infinity and still be clamped to the cap.
double raw_delay_ms(const backoff_policy& p, uint32_t attempt) {
  auto base = static_cast<double>(std::max<int64_t>(p.base.count(), 0));
  if (p.kind == backoff_policy::growth::fixed) return base;
  auto cap = static_cast<double>(std::max<int64_t>(p.cap.count(), 0));
  auto factor = std::isnan(p.factor) ? 1.0 : std::max(p.factor, 1.0);
  auto grown = base * std::pow(factor, static_cast<double>(attempt));
  return std::min(grown, cap);
}

double apply_jitter(jitter_mode mode, double ms, double random01) {
  auto r = std::clamp(std::isnan(random01) ? 0.0 : random01, 0.0, 1.0);
  switch (mode) {
  case jitter_mode::none: return ms;
  case jitter_mode::full: return ms * r;
  case jitter_mode::equal: return ms / 2 + ms / 2 * r;
  }
  return ms;
}

} // namespace

std::optional<jitter_mode> parse_jitter(std::string_view text) {
  if (text == "none") return jitter_mode::none;
  if (text == "full") return jitter_mode::full;
  if (text == "equal") return jitter_mode::equal;
  return std::nullopt;
}

const char* to_string(jitter_mode x) {
  switch (x) {
  case jitter_mode::none: return "none";
  case jitter_mode::full: return "full";
  case jitter_mode::equal: return "equal";
  }
  return "unknown";
}

backoff_policy fixed_backoff(milliseconds delay, jitter_mode jitter) {
  backoff_policy p;
  p.kind = backoff_policy::growth::fixed;
  p.base = delay;
  p.factor = 1.0;
  p.cap = delay;
  p.jitter = jitter;
  return p;
}

backoff_policy exponential_backoff(milliseconds base, double factor,
                                   milliseconds cap, jitter_mode jitter) {
  backoff_policy p;
  p.kind = backoff_policy::growth::exponential;
  p.base = base;
  p.factor = factor;
  p.cap = cap;
  p.jitter = jitter;
  return p;
}

milliseconds delay(const backoff_policy& policy, uint32_t attempt,
                   double random01) {
  auto ms
      = apply_jitter(policy.jitter, raw_delay_ms(policy, attempt), random01);
  // Truncation keeps a jittered delay strictly below the un-jittered one
  // whenever random01 < 1.
  return milliseconds{static_cast<int64_t>(std::floor(ms))};
}

milliseconds delay(const backoff_policy& policy, uint32_t attempt) {
  return delay(policy, attempt, random01());
}

double random01() {
  // One engine per thread: no locking, and actors on different scheduler
  // threads do not share a sequence.
  thread_local std::mt19937_64 engine{std::random_device{}()};
  thread_local std::uniform_real_distribution<double> dist{0.0, 1.0};
  return dist(engine);
}

} // namespace switchboard
