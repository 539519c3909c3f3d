#pragma once

// What a poller does after a failed request (seed 000 "Error Handling",
// issue 3):
//
// | failure                          | class        | next |
// |----------------------------------|--------------|-------------------------------|
// | 401, 403                         | auth_revoked | park as needs_reauth, no
// more requests | | 429, or x-rate-limit-remaining 0 | rate_limited | poll
// again at the reset time  | | 5xx                              | server_error
// | poll again in 2 minutes       | | network, malformed, anything else|
// transient    | retry after 2 s, 4 s, 8 s; then record the failure and wait
// for the next regular poll |
//
// Rate limits and server errors reschedule the poll without counting a
// retry (the seed: "no retry attempts are made until the rate limit
// expires"); only transient failures use up the retries.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <caf/fwd.hpp>
#include <caf/timestamp.hpp>

#include "messages/polling.hpp"
#include "runtime/supervision/backoff.hpp"

namespace switchboard {
struct http_response;
} // namespace switchboard

namespace switchboard::polling {

enum class poll_error_class : uint8_t {
  auth_revoked,
  rate_limited,
  server_error,
  transient,
};

/// "auth_revoked", "rate_limited", "server_error", "transient": the
/// error_kind of a recorded failure.
std::string to_string(poll_error_class x);

poll_error_class classify(const poll_error& err);

/// The timing of the rules above; the defaults are the seed's.
struct poll_timing {
  std::chrono::milliseconds server_error_delay{std::chrono::minutes{2}};
  /// 2 s, 4 s, 8 s.
  backoff_policy retry_backoff = exponential_backoff(
      std::chrono::seconds{2}, 2.0, std::chrono::seconds{8});
  /// Retries after the first failed request of a poll.
  uint32_t max_retries = 3;
};

enum class poll_action : uint8_t {
  /// The same poll again at `at`; one retry used.
  retry,
  /// A fresh poll at `at` (rate limit reset, server error delay).
  reschedule,
  /// Record the poll as failed; the next regular poll is at `at`.
  give_up,
  /// Mark the account needs_reauth and stop polling it.
  park,
};

std::string to_string(poll_action x);

struct poll_decision {
  poll_error_class error_class;
  poll_action action;
  /// When the next request may be made; unused for park.
  caf::timestamp at;
};

/// The decision after a failed request of a poll of `platform`.
/// `retries_done` counts the retries this poll already made (0 after its
/// first request); `regular_next` is when the next regular poll is due.
poll_decision decide(const poll_error& err, std::string_view platform,
                     uint32_t retries_done, caf::timestamp now,
                     caf::timestamp regular_next, const poll_timing& timing);

/// A poll_error from a response that was not 2xx. The detail names the
/// status only, never the body.
poll_error from_response(const http_response& response);

/// A poll_error from the HTTP client's error (network for errc::net_*).
poll_error from_error(const caf::error& err);

} // namespace switchboard::polling
