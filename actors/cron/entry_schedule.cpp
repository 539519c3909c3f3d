#include "actors/cron/entry_schedule.hpp"

#include <algorithm>
#include <set>

#include "actors/cron/missed_firings.hpp"
#include "messages/error.hpp"

namespace switchboard::cron {

namespace {

caf::error bad_entry(const cron_entry& def, const std::string& why) {
  return caf::make_error(errc::invalid_argument,
                         "cron entry " + def.name + ": " + why);
}

} // namespace

caf::expected<entry_schedule> compile_entry(const cron_entry& def) {
  if (def.name.empty() || def.queue.empty() || def.kind.empty())
    return bad_entry(def, "name, queue and kind are required");
  auto expression = parse_cron(def.expression);
  if (!expression) return bad_entry(def, render(expression.error()));
  auto zone = find_zone(def.zone);
  if (!zone) return bad_entry(def, "unknown time zone " + def.zone);
  entry_schedule e;
  e.def = def;
  e.expression = *expression;
  e.zone = zone;
  return e;
}

caf::expected<std::vector<entry_schedule>>
compile_table(const std::vector<cron_entry>& table) {
  std::vector<entry_schedule> result;
  std::set<std::string> names;
  for (const auto& def : table) {
    if (!names.insert(def.name).second)
      return bad_entry(def, "the name is used twice");
    auto e = compile_entry(def);
    if (!e) return e.error();
    result.push_back(std::move(*e));
  }
  return result;
}

void resume(entry_schedule& e, std::optional<instant> recorded, instant now) {
  e.last_fired = recorded;
  if (!recorded) {
    e.next = next_fire(e.expression, *e.zone, now);
    return;
  }
  auto plan
      = plan_catch_up(e.expression, *e.zone, *recorded, now, e.def.missed);
  e.pending = std::move(plan.run_now);
  e.next = plan.next;
}

bool advance(entry_schedule& e, instant now) {
  if (!e.next || *e.next > now) return false;
  auto due = *e.next;
  e.pending.push_back(due);
  // Firings after `due` that already passed were missed by a late timer:
  // the entry's policy decides, as after a restart.
  auto plan = plan_catch_up(e.expression, *e.zone, due, now, e.def.missed);
  e.pending.insert(e.pending.end(), plan.run_now.begin(), plan.run_now.end());
  e.next = plan.next;
  return true;
}

std::optional<instant> earliest_next(const std::vector<entry_schedule>& xs) {
  std::optional<instant> result;
  for (const auto& e : xs)
    if (e.next && (!result || *e.next < *result)) result = e.next;
  return result;
}

std::vector<new_job> firing_jobs(const cron_entry& def,
                                 const std::vector<instant>& fires) {
  std::vector<new_job> jobs;
  for (auto t : fires) {
    new_job x;
    x.queue = def.queue;
    x.kind = def.kind;
    x.payload = def.payload.empty() ? "{}" : def.payload;
    x.run_at = caf::timestamp{t};
    x.unique_key = unique_key(def.name, t);
    jobs.push_back(std::move(x));
  }
  return jobs;
}

std::vector<instant> start_enqueue(entry_schedule& e) {
  if (e.in_flight > 0) return {};
  e.in_flight = e.pending.size();
  return e.pending;
}

void enqueue_succeeded(entry_schedule& e) {
  auto n = std::min(e.in_flight, e.pending.size());
  if (n > 0) {
    auto latest = e.pending[n - 1];
    if (!e.last_fired || *e.last_fired < latest) e.last_fired = latest;
  }
  e.pending.erase(e.pending.begin(), e.pending.begin() + n);
  e.in_flight = 0;
  e.failures = 0;
  e.last_error.clear();
}

void enqueue_failed(entry_schedule& e, std::string why) {
  e.in_flight = 0;
  ++e.failures;
  e.last_error = std::move(why);
}

const char* to_string(missed_mode x) {
  switch (x) {
  case missed_mode::skip: return "skip";
  case missed_mode::run_once: return "run_once";
  case missed_mode::run_all: return "run_all";
  }
  return "skip";
}

cron_entry_status status_of(const entry_schedule& e) {
  cron_entry_status x;
  x.name = e.def.name;
  x.expression = e.def.expression;
  x.zone = e.def.zone;
  x.queue = e.def.queue;
  x.kind = e.def.kind;
  x.missed = to_string(e.def.missed.mode);
  x.missed_cap = static_cast<uint32_t>(e.def.missed.cap);
  if (e.last_fired) x.last_fired_at = caf::timestamp{*e.last_fired};
  if (e.next) x.next_fire_at = caf::timestamp{*e.next};
  for (auto t : e.pending)
    x.pending.emplace_back(t);
  x.last_error = e.last_error;
  return x;
}

} // namespace switchboard::cron
