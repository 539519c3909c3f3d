#pragma once

// The HTTP Retry-After header (RFC 9110 §10.2.3) as a delay: either a
// number of seconds or an HTTP-date.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace switchboard::fcm {

/// The delay `value` asks for, in milliseconds, measured from `now` for an
/// HTTP-date (a date in the past gives 0). std::nullopt for an empty or
/// malformed value.
std::optional<int64_t>
parse_retry_after_ms(std::string_view value,
                     std::chrono::system_clock::time_point now);

} // namespace switchboard::fcm
