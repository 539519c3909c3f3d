#define CAF_SUITE queues.config
#include <algorithm>

#include "caf/test/unit_test.hpp"

#include "config/key_table.hpp"

using namespace switchboard;

namespace {

size_t keys_in(std::string_view section) {
  const auto& table = key_table();
  return static_cast<size_t>(
      std::count_if(table.begin(), table.end(), [section](const auto& key) {
        return section_of(key.name) == section;
      }));
}

} // namespace

// Structured bindings stop compiling when a struct gains or loses a field:
// then add its key to config/key_table.cpp and switchboard.example.toml.
CAF_TEST(every queues field has a key) {
  queues_settings q;
  [[maybe_unused]] auto& [claim_batch, claim_ahead_ms, trips_in_flight,
                          prefetch_below_ms, lock_ms, heartbeat_ms, drain_ms,
                          rescue_interval_ms, retention_ms, prune_interval_ms,
                          media, notification, cleanup, broadcast]
      = q;
  [[maybe_unused]] auto& [enabled, concurrency, timeout_ms, max_attempts,
                          backoff, backoff_delay_ms, backoff_jitter]
      = media;
  CAF_CHECK_EQUAL(keys_in("queues"), 10u);
  for (auto name : {"queues.media", "queues.notification", "queues.cleanup",
                    "queues.broadcast"})
    CAF_CHECK_EQUAL(keys_in(name), 7u);
}

CAF_TEST(the seed queues are the defaults) {
  config cfg;
  CAF_CHECK_EQUAL(cfg.queues.media.concurrency, 2u);
  CAF_CHECK_EQUAL(cfg.queues.notification.concurrency, 5u);
  CAF_CHECK_EQUAL(cfg.queues.cleanup.concurrency, 1u);
  CAF_CHECK_EQUAL(cfg.queues.notification.timeout_ms, 30000u);
  CAF_CHECK_EQUAL(cfg.queues.cleanup.timeout_ms, 120000u);
  CAF_CHECK_EQUAL(cfg.queues.media.max_attempts, 4u);
  CAF_CHECK_EQUAL(cfg.queues.media.backoff, "exponential");
  CAF_CHECK_EQUAL(cfg.queues.media.backoff_delay_ms, 5000u);
  CAF_CHECK_LESS(cfg.queues.drain_ms, cfg.node.shutdown_deadline_ms);
  CAF_CHECK_LESS(cfg.queues.heartbeat_ms, cfg.queues.lock_ms);
}
