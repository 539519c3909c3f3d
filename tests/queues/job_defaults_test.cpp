#define CAF_SUITE queues.job_defaults
#include "caf/test/unit_test.hpp"

#include "actors/queues/job_defaults.hpp"
#include "actors/queues/queue_table.hpp"

using namespace switchboard;

CAF_TEST(the seed kinds have their timeouts and priorities) {
  queues_settings q;
  CAF_CHECK_EQUAL(default_timeout_ms("media", "video", q.media), 300000);
  CAF_CHECK_EQUAL(default_timeout_ms("media", "image", q.media), 60000);
  CAF_CHECK_EQUAL(default_timeout_ms("media", "audio", q.media), 60000);
  CAF_CHECK_EQUAL(default_timeout_ms("notification", "push", q.notification),
                  30000);
  CAF_CHECK_EQUAL(default_timeout_ms("cleanup", "stories", q.cleanup), 120000);
  CAF_CHECK_EQUAL(default_priority("media", "image"), 2);
  CAF_CHECK_EQUAL(default_priority("media", "video"), 1);
  CAF_CHECK_EQUAL(default_priority("notification", "push"), 3);
  CAF_CHECK_EQUAL(default_priority("notification", "email"), 1);
  CAF_CHECK_EQUAL(default_priority("notification", "sms"), 1);
  CAF_CHECK_EQUAL(default_priority("cleanup", "sessions"), 0);
}

CAF_TEST(apply_queue_defaults fills only what was not given) {
  queues_settings q;
  new_job bare;
  bare.queue = "notification";
  bare.kind = "push";
  apply_queue_defaults(bare, q.notification);
  CAF_CHECK_EQUAL(bare.max_attempts, 4);
  CAF_CHECK_EQUAL(bare.priority, 3);
  CAF_CHECK_EQUAL(bare.timeout_ms, 30000);
  CAF_CHECK_EQUAL(bare.backoff.type, "exponential");
  CAF_CHECK_EQUAL(bare.backoff.delay_ms, 5000);
  CAF_CHECK(!bare.backoff.jitter);
  new_job given;
  given.queue = "media";
  given.kind = "video";
  given.max_attempts = 9;
  given.priority = 7;
  given.timeout_ms = 1000;
  given.backoff = {"fixed", 250, false};
  apply_queue_defaults(given, q.media);
  CAF_CHECK_EQUAL(given.max_attempts, 9);
  CAF_CHECK_EQUAL(given.priority, 7);
  CAF_CHECK_EQUAL(given.timeout_ms, 1000);
  CAF_CHECK_EQUAL(given.backoff.type, "fixed");
  CAF_CHECK_EQUAL(given.backoff.delay_ms, 250);
}

CAF_TEST(the configured queues are the seed ones and the broadcast queue) {
  queues_settings q;
  auto all = configured_queues(q);
  CAF_REQUIRE_EQUAL(all.size(), 4u);
  CAF_CHECK_EQUAL(all[0].name, "media");
  CAF_CHECK_EQUAL(all[0].settings->concurrency, 2u);
  CAF_CHECK_EQUAL(all[1].settings->concurrency, 5u);
  CAF_CHECK_EQUAL(all[2].settings->concurrency, 1u);
  CAF_CHECK(find_queue_settings(q, "cleanup") == &q.cleanup);
  CAF_CHECK(find_queue_settings(q, "nope") == nullptr);
}
