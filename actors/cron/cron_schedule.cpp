#include "actors/cron/cron_schedule.hpp"

#include <algorithm>
#include <stdexcept>

#include "actors/cron/local_search.hpp"

namespace switchboard::cron {

namespace {

using date::local_seconds;
using date::sys_seconds;
using std::chrono::seconds;

// The Gregorian calendar repeats every 400 years (146097 days), weekdays
// included: no firing within that span means no firing ever.
constexpr auto horizon = date::days{146097};

sys_seconds latest_instant() {
  return date::floor<seconds>(instant::max());
}

sys_seconds earliest_instant() {
  return date::ceil<seconds>(instant::min());
}

local_seconds to_local(sys_seconds t, seconds offset) {
  return local_seconds{t.time_since_epoch() + offset};
}

sys_seconds to_sys(local_seconds t, seconds offset) {
  return sys_seconds{t.time_since_epoch() - offset};
}

/// The UTC offset in force just before `seg` began. The zone's first segment
/// reaches back before any instant we handle and has no change to look at.
seconds offset_before(const date::time_zone& zone, const date::sys_info& seg) {
  if (seg.begin <= earliest_instant()) return seg.offset;
  return zone.get_info(seg.begin - seconds{1}).offset;
}

/// Whether a fixed-time expression fires at the start of `seg` because it
/// matches a local time that the change into `seg` skipped.
bool fires_in_gap(const cron_expression& e, const date::sys_info& seg,
                  seconds before) {
  if (e.wildcard_time || before >= seg.offset) return false;
  return detail::first_match(e, to_local(seg.begin, before),
                             to_local(seg.begin, seg.offset))
      .has_value();
}

/// Where a search inside `seg` may start on the local calendar: a fixed-time
/// expression skips local times that the change into `seg` repeated, since
/// they fired at their first occurrence in the previous segment.
local_seconds first_local(const cron_expression& e, const date::sys_info& seg,
                          sys_seconds from, seconds before) {
  auto local = to_local(from, seg.offset);
  if (e.wildcard_time) return local;
  return std::max(local, to_local(seg.begin, before));
}

/// The first firing in [from, end), a span inside `seg`. Within one segment
/// local time is UTC plus a constant, so the local search is exact.
std::optional<sys_seconds> first_in_segment(const cron_expression& e,
                                            const date::time_zone& zone,
                                            const date::sys_info& seg,
                                            sys_seconds from, sys_seconds end) {
  auto before = offset_before(zone, seg);
  if (from == seg.begin && fires_in_gap(e, seg, before)) return seg.begin;
  auto t = detail::first_match(e, first_local(e, seg, from, before),
                               to_local(end, seg.offset));
  if (!t) return std::nullopt;
  return to_sys(*t, seg.offset);
}

/// The last firing in [begin, to], a span inside `seg`.
std::optional<sys_seconds> last_in_segment(const cron_expression& e,
                                           const date::time_zone& zone,
                                           const date::sys_info& seg,
                                           sys_seconds to, sys_seconds begin) {
  auto before = offset_before(zone, seg);
  auto t = detail::last_match(e, to_local(to, seg.offset),
                              first_local(e, seg, begin, before));
  if (t) return to_sys(*t, seg.offset);
  if (begin == seg.begin && fires_in_gap(e, seg, before)) return seg.begin;
  return std::nullopt;
}

} // namespace

const date::time_zone* find_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

std::optional<instant> next_fire(const cron_expression& e,
                                 const date::time_zone& zone, instant after) {
  auto from = date::floor<seconds>(after) + seconds{1};
  auto limit = std::min(from + horizon, latest_instant());
  // One UTC offset (one sys_info) at a time; zones change it about twice a
  // year, so a 400-year search visits at most some hundreds of segments.
  while (from < limit) {
    auto seg = zone.get_info(from);
    auto end = std::min(seg.end, limit);
    if (auto t = first_in_segment(e, zone, seg, from, end)) return *t;
    from = end;
  }
  return std::nullopt;
}

std::vector<instant> next_fires(const cron_expression& e,
                                const date::time_zone& zone, instant after,
                                std::size_t n) {
  std::vector<instant> out;
  // n comes from callers such as ?count=; reserve no more than a page.
  out.reserve(std::min<std::size_t>(n, 1024));
  for (auto t = next_fire(e, zone, after); t && out.size() < n;
       t = next_fire(e, zone, *t))
    out.push_back(*t);
  return out;
}

std::optional<instant> previous_fire(const cron_expression& e,
                                     const date::time_zone& zone,
                                     instant until) {
  auto to = date::floor<seconds>(until);
  auto limit = std::max(to - horizon, earliest_instant());
  while (to >= limit) {
    auto seg = zone.get_info(to);
    auto begin = std::max(seg.begin, limit);
    if (auto t = last_in_segment(e, zone, seg, to, begin)) return *t;
    to = seg.begin - seconds{1};
  }
  return std::nullopt;
}

} // namespace switchboard::cron
