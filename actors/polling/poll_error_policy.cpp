#include "actors/polling/poll_error_policy.hpp"

#include <algorithm>

#include <caf/error.hpp>

#include "actors/polling/rate_limit_policy.hpp"
#include "messages/error.hpp"
#include "messages/http_client.hpp"

namespace switchboard::polling {

namespace {

bool is_status(const poll_error& err) {
  return err.kind == poll_error_kind::http_status;
}

poll_decision transient_decision(uint32_t retries_done, caf::timestamp now,
                                 caf::timestamp regular_next,
                                 const poll_timing& timing) {
  if (retries_done >= timing.max_retries)
    return {poll_error_class::transient, poll_action::give_up,
            std::max(now, regular_next)};
  auto wait = delay(timing.retry_backoff, retries_done, 0.0);
  return {poll_error_class::transient, poll_action::retry, now + wait};
}

} // namespace

std::string to_string(poll_error_class x) {
  switch (x) {
  case poll_error_class::auth_revoked: return "auth_revoked";
  case poll_error_class::rate_limited: return "rate_limited";
  case poll_error_class::server_error: return "server_error";
  case poll_error_class::transient: return "transient";
  }
  return "transient";
}

std::string to_string(poll_action x) {
  switch (x) {
  case poll_action::retry: return "retry";
  case poll_action::reschedule: return "reschedule";
  case poll_action::give_up: return "give_up";
  case poll_action::park: return "park";
  }
  return "retry";
}

poll_error_class classify(const poll_error& err) {
  if (is_status(err) && (err.status == 401 || err.status == 403))
    return poll_error_class::auth_revoked;
  if ((is_status(err) && err.status == 429) || exhausted(err.rate_limit))
    return poll_error_class::rate_limited;
  if (is_status(err) && err.status >= 500 && err.status <= 599)
    return poll_error_class::server_error;
  return poll_error_class::transient;
}

poll_decision decide(const poll_error& err, std::string_view platform,
                     uint32_t retries_done, caf::timestamp now,
                     caf::timestamp regular_next, const poll_timing& timing) {
  switch (auto cls = classify(err)) {
  case poll_error_class::auth_revoked: return {cls, poll_action::park, now};
  case poll_error_class::rate_limited:
    return {cls, poll_action::reschedule,
            resume_at(platform, err.rate_limit, now)};
  case poll_error_class::server_error:
    return {cls, poll_action::reschedule, now + timing.server_error_delay};
  case poll_error_class::transient: break;
  }
  return transient_decision(retries_done, now, regular_next, timing);
}

poll_error from_response(const http_response& response) {
  poll_error err;
  err.kind = poll_error_kind::http_status;
  err.status = static_cast<uint16_t>(std::clamp(response.status, 0, 999));
  err.detail = "HTTP " + std::to_string(response.status);
  err.rate_limit = parse_rate_limit(response);
  return err;
}

poll_error from_error(const caf::error& err) {
  poll_error result;
  result.kind = is_network_error(err) ? poll_error_kind::network
                                      : poll_error_kind::other;
  result.detail = render(err);
  return result;
}

} // namespace switchboard::polling
