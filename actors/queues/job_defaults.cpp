#include "actors/queues/job_defaults.hpp"

namespace switchboard {

namespace {

constexpr int64_t five_minutes_ms = 5 * 60 * 1000;

bool is_default_backoff(const job_backoff& x) {
  return x.type == "fixed" && x.delay_ms == 0 && !x.jitter;
}

} // namespace

int64_t default_timeout_ms(const std::string& queue, const std::string& kind,
                           const queue_settings& settings) {
  if (queue == "media" && kind == "video") return five_minutes_ms;
  return settings.timeout_ms > 0 ? settings.timeout_ms : 60000;
}

int32_t default_priority(const std::string& queue, const std::string& kind) {
  if (queue == "media") return kind == "image" ? 2 : 1;
  if (queue == "notification") return kind == "push" ? 3 : 1;
  return 0;
}

job_backoff backoff_of(const queue_settings& settings) {
  job_backoff result;
  result.type = settings.backoff;
  result.delay_ms = settings.backoff_delay_ms;
  result.jitter = settings.backoff_jitter;
  return result;
}

job_defaults defaults_for(const std::string& queue, const std::string& kind,
                          const queue_settings& settings) {
  job_defaults result;
  result.priority = default_priority(queue, kind);
  result.timeout_ms = default_timeout_ms(queue, kind, settings);
  result.max_attempts = static_cast<int32_t>(settings.max_attempts);
  result.backoff = backoff_of(settings);
  return result;
}

void apply_queue_defaults(new_job& x, const queue_settings& settings) {
  auto defaults = defaults_for(x.queue, x.kind, settings);
  if (x.max_attempts <= 1) x.max_attempts = defaults.max_attempts;
  if (x.priority == 0) x.priority = defaults.priority;
  if (x.timeout_ms == 0) x.timeout_ms = defaults.timeout_ms;
  if (is_default_backoff(x.backoff)) x.backoff = defaults.backoff;
}

} // namespace switchboard
