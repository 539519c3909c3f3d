#pragma once

// Conversion from the [supervision] section of the configuration into
// policies. Invalid values fail with errc::invalid_argument naming the key.

#include <string>

#include <caf/expected.hpp>

#include "config/config.hpp"
#include "runtime/supervision/backoff.hpp"
#include "runtime/supervision/restart_intensity.hpp"
#include "runtime/supervision/supervisor_options.hpp"

namespace switchboard {

/// Exponential backoff from backoff_base_ms by backoff_factor up to
/// backoff_cap_ms with backoff_jitter ("none", "full", "equal").
caf::expected<backoff_policy> backoff_from(const supervision_settings& s);

/// max_restarts within period_ms.
restart_intensity intensity_from(const supervision_settings& s);

/// Options for a supervisor called `name` with the configured policies.
caf::expected<supervisor_options>
supervisor_options_from(std::string name, const supervision_settings& s);

} // namespace switchboard
