#pragma once

// Rate limits (seed 000 "Rate Limit Errors"; specs TWITTER-X-API-v2.md and
// LINKEDIN.md): reading the x-rate-limit-* headers, and when an account that
// hit a limit may be polled again. No request is made before that time.

#include <chrono>
#include <string_view>

#include <caf/timestamp.hpp>

#include "messages/polling.hpp"

namespace switchboard {
struct http_response;
} // namespace switchboard

namespace switchboard::polling {

/// Reads x-rate-limit-limit, -remaining and -reset (UNIX epoch seconds).
/// An empty or unreadable value (not a non-negative decimal integer) is
/// absent.
rate_limit_info parse_rate_limit(std::string_view limit,
                                 std::string_view remaining,
                                 std::string_view reset);

/// parse_rate_limit() over a response's headers.
rate_limit_info parse_rate_limit(const http_response& response);

/// Whether the window is used up (remaining is 0).
bool exhausted(const rate_limit_info& info);

/// When the platform resets a window when it does not say: Twitter/X
/// windows are 15 minutes; LinkedIn's daily limits reset at 00:00 UTC.
caf::timestamp default_reset(std::string_view platform, caf::timestamp now);

/// Never sooner than this after a limit, even if the reset time has passed
/// (clocks differ; hammering a limited endpoint moves its reset forward).
constexpr std::chrono::milliseconds min_rate_limit_wait{1000};

/// When a rate-limited account may be polled again: the reset time of the
/// headers, else default_reset(), and not before now + min_rate_limit_wait.
caf::timestamp resume_at(std::string_view platform, const rate_limit_info& info,
                         caf::timestamp now);

} // namespace switchboard::polling
