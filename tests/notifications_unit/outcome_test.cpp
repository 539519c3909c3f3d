#define CAF_SUITE notifications.outcome
#include <nlohmann/json.hpp>

#include "caf/test/unit_test.hpp"
#include <caf/sec.hpp>

#include "actors/queues/handlers/notification/delivery_outcome.hpp"
#include "actors/queues/handlers/notification/recipient_mask.hpp"
#include "messages/error.hpp"
#include "persistence/notifications_repo.hpp"

using namespace switchboard;
using namespace switchboard::notify;

namespace {

delivery_result result(delivery_status status, std::string code = "",
                       int64_t retry_after_ms = 0) {
  delivery_result r;
  r.status = status;
  r.error_code = std::move(code);
  r.error = "provider said no";
  r.retry_after_ms = retry_after_ms;
  if (status == delivery_status::delivered) {
    r.error.clear();
    r.provider_message_id = "projects/p/messages/1";
  }
  return r;
}

notification push() {
  notification n;
  n.job_id = "9";
  n.attempt = 1;
  n.type = "push";
  n.user_id = "u1";
  n.title = "T";
  n.body = "B";
  n.fcm_token = "secret-device-token-abcdef";
  return n;
}

} // namespace

CAF_TEST(delivered completes the job with the provider id) {
  auto o = to_job_outcome("push", result(delivery_status::delivered));
  CAF_CHECK_EQUAL(o.status, job_status::completed);
  auto doc = nlohmann::json::parse(o.result);
  CAF_CHECK_EQUAL(doc["provider_message_id"], "projects/p/messages/1");
  CAF_CHECK_EQUAL(doc["type"], "push");
}

CAF_TEST(transient retries with the delay of the provider) {
  auto o = to_job_outcome(
      "push", result(delivery_status::transient, "QUOTA_EXCEEDED", 30000));
  CAF_CHECK_EQUAL(o.status, job_status::retry);
  CAF_CHECK_EQUAL(o.delay_ms, 30000);
  CAF_CHECK_EQUAL(o.error, "push: provider said no [QUOTA_EXCEEDED]");
}

CAF_TEST(permanent fails the job at once) {
  auto o = to_job_outcome("push",
                          result(delivery_status::permanent, "UNREGISTERED"));
  CAF_CHECK_EQUAL(o.status, job_status::fail);
  CAF_CHECK_EQUAL(o.error, "push: provider said no [UNREGISTERED]");
  auto invalid = to_job_outcome("", invalid_payload("payload field x"));
  CAF_CHECK_EQUAL(invalid.status, job_status::fail);
  CAF_CHECK_EQUAL(invalid.error,
                  "notification: payload field x [invalid_payload]");
  CAF_CHECK_EQUAL(to_job_outcome("sms", not_configured("sms")).status,
                  job_status::fail);
}

CAF_TEST(sender failures) {
  auto timeout = sender_failed(caf::make_error(caf::sec::request_timeout));
  CAF_CHECK_EQUAL(timeout.status, delivery_status::transient);
  CAF_CHECK_EQUAL(timeout.error_code, "timeout");
  auto refused = sender_failed(caf::make_error(errc::net_connection_refused));
  CAF_CHECK_EQUAL(refused.status, delivery_status::transient);
  CAF_CHECK_EQUAL(refused.error_code, "network");
  auto bad_url = sender_failed(caf::make_error(errc::invalid_argument));
  CAF_CHECK_EQUAL(bad_url.status, delivery_status::permanent);
}

CAF_TEST(recipients are masked) {
  CAF_CHECK_EQUAL(mask_token("secret-device-token-abcdef"), "…abcdef");
  CAF_CHECK_EQUAL(mask_token("short"), "…");
  CAF_CHECK_EQUAL(mask_email("jane.doe@example.org"), "j***@example.org");
  CAF_CHECK_EQUAL(mask_phone("+48123456789"), "+48******789");
  CAF_CHECK_EQUAL(mask_phone("1234"), "****");
}

CAF_TEST(an attempt keeps the masked recipient only) {
  auto n = push();
  auto x = make_attempt(n, result(delivery_status::permanent, "UNREGISTERED"),
                        caf::timestamp{}, caf::timestamp{});
  CAF_CHECK_EQUAL(x.job_id, "9");
  CAF_CHECK_EQUAL(x.recipient, "…abcdef");
  CAF_CHECK_EQUAL(x.success, false);
  CAF_CHECK_EQUAL(x.error_code, "UNREGISTERED");
  auto row = persistence::notifications_repo::to_row(x);
  CAF_REQUIRE_EQUAL(row.values.size(),
                    persistence::notifications_repo::columns().size());
  for (const auto& value : row.values)
    if (value) CAF_CHECK_EQUAL(value->find("secret-device"), std::string::npos);
}

CAF_TEST(empty optional texts become NULL) {
  auto x = make_attempt(push(), result(delivery_status::delivered),
                        caf::timestamp{}, caf::timestamp{});
  auto row = persistence::notifications_repo::to_row(x);
  const auto& cols = persistence::notifications_repo::columns();
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i] == "error_code" || cols[i] == "error")
      CAF_CHECK(!row.values[i]);
    if (cols[i] == "success") CAF_CHECK_EQUAL(*row.values[i], "true");
    if (cols[i] == "started_at")
      CAF_CHECK_EQUAL(*row.values[i], "1970-01-01 00:00:00.000000+00");
  }
}
