#define CAF_SUITE amqp.delivery_mapping
#include "actors/queues/amqp/delivery_mapping.hpp"

#include "caf/test/unit_test.hpp"

using namespace switchboard;

namespace {

amqp_delivery delivery(std::string key, std::string body,
                       std::string message_id = {}) {
  amqp_delivery result;
  result.connection = 1;
  result.tag = 7;
  result.routing_key = std::move(key);
  result.body = std::move(body);
  result.message_id = std::move(message_id);
  return result;
}

std::string rejection(const amqp_delivery& d) {
  auto mapped = map_delivery(d, queues_settings{});
  if (auto* err = std::get_if<mapping_error>(&mapped)) return err->reason;
  return "accepted";
}

} // namespace

CAF_TEST(the queue comes from the routing key and the kind from the body) {
  auto mapped = map_delivery(
      delivery("media.upload", R"({"type":"video","s3Key":"k"})", "m1"),
      queues_settings{});
  auto* job = std::get_if<new_job>(&mapped);
  CAF_REQUIRE(job != nullptr);
  CAF_CHECK_EQUAL(job->queue, "media");
  CAF_CHECK_EQUAL(job->kind, "video");
  CAF_CHECK_EQUAL(job->payload, R"({"type":"video","s3Key":"k"})");
  CAF_CHECK_EQUAL(job->unique_key, "amqp:m1");
}

CAF_TEST(without a type the second routing key segment is the kind) {
  auto mapped = map_delivery(delivery("notification.push.urgent", "{}"),
                             queues_settings{});
  auto* job = std::get_if<new_job>(&mapped);
  CAF_REQUIRE(job != nullptr);
  CAF_CHECK_EQUAL(job->queue, "notification");
  CAF_CHECK_EQUAL(job->kind, "push");
  CAF_CHECK_EQUAL(job->unique_key, "");
}

CAF_TEST(the body uniqueKey is the fallback of the message id) {
  auto body = R"({"type":"stories","uniqueKey":"u9"})";
  auto mapped = map_delivery(delivery("cleanup.x", body), queues_settings{});
  auto* job = std::get_if<new_job>(&mapped);
  CAF_REQUIRE(job != nullptr);
  CAF_CHECK_EQUAL(job->unique_key, "amqp:u9");
  auto with_id
      = map_delivery(delivery("cleanup.x", body, "id1"), queues_settings{});
  auto* job2 = std::get_if<new_job>(&with_id);
  CAF_REQUIRE(job2 != nullptr);
  CAF_CHECK_EQUAL(job2->unique_key, "amqp:id1");
}

CAF_TEST(the queue defaults for the kind are applied) {
  auto push
      = map_delivery(delivery("notification.push", "{}"), queues_settings{});
  auto email
      = map_delivery(delivery("notification.email", "{}"), queues_settings{});
  auto* p = std::get_if<new_job>(&push);
  auto* e = std::get_if<new_job>(&email);
  CAF_REQUIRE(p != nullptr);
  CAF_REQUIRE(e != nullptr);
  CAF_CHECK_GREATER(p->priority, e->priority);
  CAF_CHECK_GREATER(p->max_attempts, 1);
  CAF_CHECK_GREATER(p->timeout_ms, 0);
}

CAF_TEST(malformed deliveries are refused with a reason and no body) {
  CAF_CHECK_EQUAL(rejection(delivery("media.image", "{secret")),
                  "body is not JSON");
  CAF_CHECK_EQUAL(rejection(delivery("media.image", "[1]")),
                  "body is not a JSON object");
  CAF_CHECK_EQUAL(rejection(delivery("video.x", "{}")),
                  "unknown queue 'video'");
  CAF_CHECK_EQUAL(rejection(delivery("", "{}")), "unknown queue ''");
  auto no_kind = rejection(delivery("cleanup", R"({"type":5})"));
  CAF_CHECK_EQUAL(no_kind.rfind("no job kind", 0), 0u);
  CAF_CHECK_EQUAL(rejection(delivery("cleanup.stories", "{}")), "accepted");
}
