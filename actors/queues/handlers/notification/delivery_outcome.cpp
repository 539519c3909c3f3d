#include "actors/queues/handlers/notification/delivery_outcome.hpp"

#include <nlohmann/json.hpp>

#include <caf/sec.hpp>

#include "actors/queues/handlers/notification/recipient_mask.hpp"
#include "messages/error.hpp"
#include "messages/http_client.hpp"

namespace switchboard::notify {

namespace {

delivery_result failure(delivery_status status, std::string code,
                        std::string text) {
  delivery_result r;
  r.status = status;
  r.error_code = std::move(code);
  r.error = std::move(text);
  return r;
}

std::string error_text(const std::string& type, const delivery_result& r) {
  auto text
      = (type.empty() ? std::string{"notification"} : type) + ": " + r.error;
  if (!r.error_code.empty()) text += " [" + r.error_code + "]";
  return text;
}

} // namespace

job_outcome to_job_outcome(const std::string& type, const delivery_result& r) {
  switch (r.status) {
  case delivery_status::delivered: {
    nlohmann::json result{{"type", type},
                          {"provider_message_id", r.provider_message_id}};
    return job_completed(result.dump());
  }
  case delivery_status::transient:
    return job_retry(error_text(type, r), r.retry_after_ms);
  case delivery_status::permanent: break;
  }
  return job_failed(error_text(type, r));
}

delivery_result invalid_payload(std::string error) {
  return failure(delivery_status::permanent, "invalid_payload",
                 std::move(error));
}

delivery_result not_configured(const std::string& type) {
  return failure(delivery_status::permanent, "not_configured",
                 "no " + type + " provider is configured");
}

delivery_result sender_failed(const caf::error& err) {
  if (err == caf::sec::request_timeout)
    return failure(delivery_status::transient, "timeout",
                   "the provider did not answer in time");
  if (is_network_error(err))
    return failure(delivery_status::transient, "network", render(err));
  // The client refuses a malformed URL: a configuration error that no
  // retry can fix.
  if (err == errc::invalid_argument)
    return failure(delivery_status::permanent, "bad_request", render(err));
  return failure(delivery_status::transient, "sender_failed",
                 "delivery failed: " + render(err));
}

notification_attempt make_attempt(const notification& n,
                                  const delivery_result& r,
                                  caf::timestamp started,
                                  caf::timestamp finished) {
  notification_attempt x;
  x.job_id = n.job_id;
  x.attempt = n.attempt;
  x.user_id = n.user_id;
  x.type = n.type;
  x.title = n.title;
  x.body = n.body;
  x.recipient = mask_recipient(n);
  x.success = r.status == delivery_status::delivered;
  x.error_code = r.error_code;
  x.error = r.error;
  x.provider_message_id = r.provider_message_id;
  x.started_at = started;
  x.finished_at = finished;
  return x;
}

} // namespace switchboard::notify
