#include "actors/cron/missed_firings.hpp"

#include <algorithm>
#include <chrono>

namespace switchboard::cron {

namespace {

std::size_t limit_of(const missed_policy& p) {
  switch (p.mode) {
  case missed_mode::skip: return 0;
  case missed_mode::run_once: return 1;
  case missed_mode::run_all: return p.cap;
  }
  return 0;
}

/// Walks back from `now` over firings after `last_fired`, keeping at most
/// `limit`, and notes whether one more was left behind.
catch_up missed_since(const cron_expression& e, const date::time_zone& zone,
                      instant last_fired, instant now, std::size_t limit) {
  catch_up out;
  auto t = previous_fire(e, zone, now);
  for (; t && *t > last_fired && out.run_now.size() < limit;
       t = previous_fire(e, zone, *t - std::chrono::seconds{1}))
    out.run_now.push_back(*t);
  out.dropped = t && *t > last_fired;
  std::reverse(out.run_now.begin(), out.run_now.end());
  return out;
}

} // namespace

missed_policy skip_missed() {
  return {missed_mode::skip, 0};
}

missed_policy run_missed_once() {
  return {missed_mode::run_once, 1};
}

missed_policy run_all_missed(std::size_t cap) {
  return {missed_mode::run_all, cap};
}

catch_up plan_catch_up(const cron_expression& e, const date::time_zone& zone,
                       instant last_fired, instant now,
                       const missed_policy& policy) {
  auto out = missed_since(e, zone, last_fired, now, limit_of(policy));
  out.next = next_fire(e, zone, std::max(now, last_fired));
  return out;
}

} // namespace switchboard::cron
