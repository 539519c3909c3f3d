#include "runtime/supervision/settings.hpp"

#include <cmath>

#include <caf/error.hpp>

#include "messages/error.hpp"

namespace switchboard {

using std::chrono::milliseconds;

caf::expected<backoff_policy> backoff_from(const supervision_settings& s) {
  auto jitter = parse_jitter(s.backoff_jitter);
  if (!jitter)
    return caf::make_error(errc::invalid_argument,
                           "supervision.backoff_jitter must be none, full "
                           "or equal, not '"
                               + s.backoff_jitter + "'");
  if (!std::isfinite(s.backoff_factor) || s.backoff_factor < 1.0)
    return caf::make_error(errc::invalid_argument,
                           "supervision.backoff_factor must be at least 1");
  if (s.backoff_cap_ms < s.backoff_base_ms)
    return caf::make_error(errc::invalid_argument,
                           "supervision.backoff_cap_ms must not be below "
                           "supervision.backoff_base_ms");
  return exponential_backoff(milliseconds{s.backoff_base_ms}, s.backoff_factor,
                             milliseconds{s.backoff_cap_ms}, *jitter);
}

restart_intensity intensity_from(const supervision_settings& s) {
  return restart_intensity{s.max_restarts, milliseconds{s.period_ms}};
}

caf::expected<supervisor_options>
supervisor_options_from(std::string name, const supervision_settings& s) {
  auto backoff = backoff_from(s);
  if (!backoff) return backoff.error();
  supervisor_options opts;
  opts.name = std::move(name);
  opts.backoff = *backoff;
  opts.intensity = intensity_from(s);
  return opts;
}

} // namespace switchboard
