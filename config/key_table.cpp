#include "config/key_table.hpp"

#include <algorithm>

namespace switchboard {

namespace {

using field_fn = field_ref (*)(config&);

// Upper bound of every duration: longer values are typos, not intentions.
constexpr int64_t day_ms = 24 * 60 * 60 * 1000;
constexpr int64_t gib = int64_t{1} << 30;
constexpr int64_t tib = int64_t{1} << 40;

key_descriptor make(std::string_view name, field_fn field, key_kind kind) {
  key_descriptor result;
  result.name = name;
  result.field = field;
  result.kind = kind;
  return result;
}

key_descriptor text(std::string_view name, field_fn field) {
  return make(name, field, key_kind::text);
}

key_descriptor required_text(std::string_view name, field_fn field) {
  auto result = text(name, field);
  result.non_empty = true;
  return result;
}

key_descriptor secret_text(std::string_view name, field_fn field, secrecy how) {
  auto result = text(name, field);
  result.secret = how;
  return result;
}

key_descriptor choice(std::string_view name, field_fn field,
                      std::vector<std::string_view> choices) {
  auto result = make(name, field, key_kind::choice);
  result.choices = std::move(choices);
  return result;
}

key_descriptor flag(std::string_view name, field_fn field) {
  return make(name, field, key_kind::flag);
}

key_descriptor integer(std::string_view name, field_fn field, int64_t min,
                       int64_t max) {
  auto result = make(name, field, key_kind::integer);
  result.min_integer = min;
  result.max_integer = max;
  return result;
}

key_descriptor real(std::string_view name, field_fn field, double min,
                    double max) {
  auto result = make(name, field, key_kind::real);
  result.min_real = min;
  result.max_real = max;
  return result;
}

// The key name is the stringified field path, so a key and its field cannot
// drift apart.
#define SB_KEY(path)                                                           \
#path, [](config & c) -> field_ref {                                         \
    return &c.path;                                                            \
  }

// The keys of one [queues.<name>] section.
#define SB_QUEUE_KEYS(q)                                                       \
  flag(SB_KEY(queues.q.enabled)),                                              \
      integer(SB_KEY(queues.q.concurrency), 1, 10'000),                        \
      integer(SB_KEY(queues.q.timeout_ms), 1, day_ms),                         \
      integer(SB_KEY(queues.q.max_attempts), 1, 1000),                         \
      choice(SB_KEY(queues.q.backoff), {"fixed", "exponential"}),              \
      integer(SB_KEY(queues.q.backoff_delay_ms), 0, day_ms),                   \
      flag(SB_KEY(queues.q.backoff_jitter))

std::vector<key_descriptor> make_table() {
  return {
      required_text(SB_KEY(data_dir)),
      // [database]
      secret_text(SB_KEY(database.url), secrecy::url_password),
      integer(SB_KEY(database.pool_size), 1, 1024),
      integer(SB_KEY(database.queue_limit), 1, 10'000'000),
      integer(SB_KEY(database.request_deadline_ms), 1, day_ms),
      integer(SB_KEY(database.reconnect_base_ms), 1, day_ms),
      integer(SB_KEY(database.reconnect_cap_ms), 1, day_ms),
      integer(SB_KEY(database.batch_max_rows), 1, 100'000),
      integer(SB_KEY(database.batch_max_delay_ms), 0, 60'000),
      // [http]
      required_text(SB_KEY(http.bind)),
      integer(SB_KEY(http.port), 0, 65535),
      secret_text(SB_KEY(http.admin_token), secrecy::whole),
      flag(SB_KEY(http.protect_monitoring)),
      integer(SB_KEY(http.max_body_bytes), 1, gib),
      integer(SB_KEY(http.read_timeout_ms), 1, day_ms),
      integer(SB_KEY(http.handler_timeout_ms), 1, day_ms),
      integer(SB_KEY(http.threads), 1, 256),
      // [log]
      choice(SB_KEY(log.level), {"trace", "debug", "info", "warn", "error"}),
      choice(SB_KEY(log.format), {"text", "json"}),
      required_text(SB_KEY(log.dir)),
      integer(SB_KEY(log.max_file_bytes), 1024, tib),
      integer(SB_KEY(log.max_files), 1, 1000),
      // [node]
      text(SB_KEY(node.id)),
      integer(SB_KEY(node.shutdown_deadline_ms), 0, day_ms),
      // [supervision]
      integer(SB_KEY(supervision.backoff_base_ms), 0, day_ms),
      real(SB_KEY(supervision.backoff_factor), 1.0, 100.0),
      integer(SB_KEY(supervision.backoff_cap_ms), 0, day_ms),
      choice(SB_KEY(supervision.backoff_jitter), {"none", "full", "equal"}),
      integer(SB_KEY(supervision.max_restarts), 0, 1'000'000),
      integer(SB_KEY(supervision.period_ms), 1, day_ms),
      // [inspect]
      required_text(SB_KEY(inspect.bind)),
      integer(SB_KEY(inspect.port), 0, 65535),
      // [simulators]
      flag(SB_KEY(simulators.enabled)),
      required_text(SB_KEY(simulators.bind)),
      integer(SB_KEY(simulators.twitter_port), 0, 65535),
      integer(SB_KEY(simulators.linkedin_port), 0, 65535),
      integer(SB_KEY(simulators.fcm_port), 0, 65535),
      integer(SB_KEY(simulators.smseagle_port), 0, 65535),
      integer(SB_KEY(simulators.seed), 0, 4'294'967'295),
      real(SB_KEY(simulators.messages_per_minute), 0.0, 60'000.0),
      integer(SB_KEY(simulators.backlog), 0, 100'000),
      integer(SB_KEY(simulators.twitter_rate_limit), 1, 100'000'000),
      integer(SB_KEY(simulators.twitter_rate_window_ms), 1, day_ms),
      integer(SB_KEY(simulators.linkedin_daily_limit), 1, 100'000'000),
      integer(SB_KEY(simulators.threads), 1, 64),
      integer(SB_KEY(simulators.demo_accounts), 0, 100),
      // [media]
      text(SB_KEY(media.store_dir)),
      integer(SB_KEY(media.max_dimension), 16, 65'535),
      choice(SB_KEY(media.image_format), {"jpeg", "webp"}),
      integer(SB_KEY(media.quality), 1, 100),
      integer(SB_KEY(media.thumbnail_size), 16, 4096),
      integer(SB_KEY(media.video_max_dimension), 16, 8192),
      integer(SB_KEY(media.video_crf), 0, 51),
      integer(SB_KEY(media.audio_bitrate_kbps), 8, 320),
      integer(SB_KEY(media.waveform_peaks), 1, 10'000),
      required_text(SB_KEY(media.ffmpeg_path)),
      required_text(SB_KEY(media.ffprobe_path)),
      integer(SB_KEY(media.audio_timeout_ms), 1, day_ms),
      integer(SB_KEY(media.video_timeout_ms), 1, day_ms),
      integer(SB_KEY(media.probe_timeout_ms), 1, day_ms),
      integer(SB_KEY(media.max_input_bytes), 1, tib),
      // [cleanup]
      integer(SB_KEY(cleanup.stories_ttl_hours), 1, 24 * 365),
      integer(SB_KEY(cleanup.sessions_inactive_days), 1, 3650),
      integer(SB_KEY(cleanup.messages_retention_days), 1, 36'500),
      integer(SB_KEY(cleanup.temp_files_max_age_hours), 1, 24 * 3650),
      text(SB_KEY(cleanup.temp_files_root)),
      integer(SB_KEY(cleanup.prekeys_used_retention_hours), 0, 24 * 3650),
      integer(SB_KEY(cleanup.prekeys_max_age_days), 1, 3650),
      integer(SB_KEY(cleanup.prekeys_min_unused), 0, 100'000),
      integer(SB_KEY(cleanup.orphaned_media_min_age_hours), 1, 24 * 3650),
      integer(SB_KEY(cleanup.stale_websocket_minutes), 1, 24 * 60),
      integer(SB_KEY(cleanup.batch_size), 1, 100'000),
      // [queues]
      integer(SB_KEY(queues.claim_batch), 1, 10'000),
      integer(SB_KEY(queues.claim_ahead_ms), 0, 60'000),
      integer(SB_KEY(queues.trips_in_flight), 1, 8),
      integer(SB_KEY(queues.prefetch_below_ms), 0, 60'000),
      integer(SB_KEY(queues.lock_ms), 1000, day_ms),
      integer(SB_KEY(queues.heartbeat_ms), 100, day_ms),
      integer(SB_KEY(queues.drain_ms), 0, day_ms),
      integer(SB_KEY(queues.rescue_interval_ms), 100, day_ms),
      integer(SB_KEY(queues.retention_ms), 0, 30 * day_ms),
      integer(SB_KEY(queues.prune_interval_ms), 1000, day_ms),
      SB_QUEUE_KEYS(media),
      SB_QUEUE_KEYS(notification),
      SB_QUEUE_KEYS(cleanup),
      SB_QUEUE_KEYS(broadcast),
      // [http_client]
      integer(SB_KEY(http_client.max_connections_per_host), 1, 10'000),
      integer(SB_KEY(http_client.max_queue_per_host), 0, 10'000'000),
      integer(SB_KEY(http_client.idle_timeout_ms), 1, day_ms),
      integer(SB_KEY(http_client.connect_timeout_ms), 1, day_ms),
      integer(SB_KEY(http_client.read_timeout_ms), 1, day_ms),
      integer(SB_KEY(http_client.total_timeout_ms), 1, day_ms),
      integer(SB_KEY(http_client.max_response_bytes), 1, gib),
      text(SB_KEY(http_client.ca_file)),
      // [notifications]
      required_text(SB_KEY(notifications.fcm_base_url)),
      text(SB_KEY(notifications.fcm_project_id)),
      secret_text(SB_KEY(notifications.fcm_access_token), secrecy::whole),
      required_text(SB_KEY(notifications.smtp_url)),
      required_text(SB_KEY(notifications.smtp_from)),
      text(SB_KEY(notifications.smtp_username)),
      secret_text(SB_KEY(notifications.smtp_password), secrecy::whole),
      choice(SB_KEY(notifications.smtp_starttls), {"off", "try", "required"}),
      text(SB_KEY(notifications.smseagle_base_url)),
      secret_text(SB_KEY(notifications.smseagle_access_token), secrecy::whole),
      flag(SB_KEY(notifications.tls_verify)),
      flag(SB_KEY(notifications.smseagle_tls_verify)),
      integer(SB_KEY(notifications.send_timeout_ms), 1, day_ms),
      // [polling]
      integer(SB_KEY(polling.default_interval_ms), 100, day_ms),
      integer(SB_KEY(polling.min_interval_ms), 100, day_ms),
      integer(SB_KEY(polling.max_interval_ms), 100, day_ms),
      integer(SB_KEY(polling.server_error_delay_ms), 1, day_ms),
      integer(SB_KEY(polling.retry_base_ms), 1, day_ms),
      integer(SB_KEY(polling.max_retries), 0, 100),
      integer(SB_KEY(polling.timer_slack_ms), 0, 1000),
      integer(SB_KEY(polling.store_max_delay_ms), 0, 10'000),
      secret_text(SB_KEY(polling.encryption_key), secrecy::whole),
      text(SB_KEY(polling.key_file)),
      // [amqp]
      flag(SB_KEY(amqp.enabled)),
      secret_text(SB_KEY(amqp.url), secrecy::url_password),
      required_text(SB_KEY(amqp.exchange)),
      required_text(SB_KEY(amqp.queue)),
      text(SB_KEY(amqp.bindings)),
      text(SB_KEY(amqp.dead_letter_exchange)),
      integer(SB_KEY(amqp.prefetch), 1, 65535),
      integer(SB_KEY(amqp.batch_max), 1, 100'000),
      integer(SB_KEY(amqp.batch_delay_ms), 0, 60'000),
      integer(SB_KEY(amqp.heartbeat_s), 0, 3600),
      integer(SB_KEY(amqp.connect_timeout_ms), 1, day_ms),
      integer(SB_KEY(amqp.reconnect_base_ms), 1, day_ms),
      integer(SB_KEY(amqp.reconnect_cap_ms), 1, day_ms),
  };
}

#undef SB_QUEUE_KEYS
#undef SB_KEY

} // namespace

const std::vector<key_descriptor>& key_table() {
  static const auto table = make_table();
  return table;
}

const std::vector<key_ordering>& key_orderings() {
  static const std::vector<key_ordering> orderings{
      {"database.reconnect_base_ms", "database.reconnect_cap_ms"},
      {"supervision.backoff_base_ms", "supervision.backoff_cap_ms"},
      {"polling.min_interval_ms", "polling.max_interval_ms"},
      {"amqp.reconnect_base_ms", "amqp.reconnect_cap_ms"},
  };
  return orderings;
}

const key_descriptor* find_key(std::string_view name) {
  const auto& table = key_table();
  auto i = std::find_if(table.begin(), table.end(), [name](const auto& key) {
    return key.name == name;
  });
  return i == table.end() ? nullptr : &*i;
}

std::string_view section_of(std::string_view key) {
  auto dot = key.rfind('.');
  return dot == std::string_view::npos ? std::string_view{}
                                       : key.substr(0, dot);
}

bool is_section(std::string_view name) {
  const auto& table = key_table();
  return !name.empty()
         && std::any_of(table.begin(), table.end(), [name](const auto& key) {
              return section_of(key.name) == name;
            });
}

} // namespace switchboard
