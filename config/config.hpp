#pragma once

// The node's configuration: plain structs, parsed once from a TOML file plus
// `SWITCHBOARD_*` environment overrides (config/config_loader.*), then handed
// to the spawn functions. Every field is a key in config/key_table.cpp (type,
// range, choices) and is documented with its default in
// config/switchboard.example.toml; the three change together, and the
// config.key_table and config.example_file tests fail when they drift.

#include <cstddef>
#include <cstdint>
#include <string>

namespace switchboard {

/// [database]
struct database_settings {
  /// An external PostgreSQL (libpq URL or key=value string); empty: embedded.
  std::string url;
  /// Connections in the pool, one blocking actor each.
  uint32_t pool_size = 4;
  /// Requests that may wait while every connection is busy or down.
  uint32_t queue_limit = 10000;
  /// How long a request may wait for a connection before it fails.
  uint32_t request_deadline_ms = 5000;
  /// Reconnect backoff: exponential from base to cap, full jitter.
  uint32_t reconnect_base_ms = 250;
  uint32_t reconnect_cap_ms = 5000;
  /// Batching writer: flush at this many rows, or after this delay.
  uint32_t batch_max_rows = 500;
  uint32_t batch_max_delay_ms = 5;
};

/// [http]
struct http_settings {
  std::string bind = "127.0.0.1";
  uint16_t port = 8080;
  /// Bearer token for the API; empty: generated into data_dir/admin_token.
  std::string admin_token;
  /// Put /health and /metrics behind the token too.
  bool protect_monitoring = false;
  /// Largest accepted request body; larger gets 413.
  std::size_t max_body_bytes = 1024 * 1024;
  /// A request (header and body) must arrive within this time.
  uint32_t read_timeout_ms = 10000;
  /// How long a handler may take before the client gets 503.
  uint32_t handler_timeout_ms = 10000;
  /// Asio threads serving HTTP.
  uint32_t threads = 1;
};

/// [log]
struct log_settings {
  std::string level = "info";  ///< trace, debug, info, warn, error
  std::string format = "text"; ///< text or json
  std::string dir = "./logs";  ///< combined.log and error.log
  std::size_t max_file_bytes = 10 * 1024 * 1024;
  uint32_t max_files = 5;
};

/// [node]
struct node_settings {
  /// This node's name in a cluster; empty: host name and pid.
  std::string id;
  /// Graceful shutdown: how long in-flight work may take before it is cut.
  uint32_t shutdown_deadline_ms = 10000;
};

/// [supervision]: restart policy of every supervisor unless it overrides it.
struct supervision_settings {
  uint32_t backoff_base_ms = 1000;
  double backoff_factor = 2.0;
  uint32_t backoff_cap_ms = 30000;
  std::string backoff_jitter = "none"; ///< none, full, equal
  uint32_t max_restarts = 5;           ///< within period_ms, else escalate
  uint32_t period_ms = 60000;
};

/// [inspect]
struct inspect_settings {
  std::string bind = "127.0.0.1";
  uint16_t port = 4242;
};

/// [simulators]
struct simulator_settings {
  /// `run` also starts the simulators and points the gateways at them.
  bool enabled = true;
  /// The address every simulator listens on.
  std::string bind = "127.0.0.1";
  /// One port per simulator (0: an ephemeral one).
  uint16_t twitter_port = 9101;
  uint16_t linkedin_port = 9102;
  uint16_t fcm_port = 9103;
  uint16_t smseagle_port = 9104;
  /// Seeds every account's message stream: same seed, same messages.
  uint32_t seed = 1;
  /// Mean new messages per minute per account (each account's own rate is
  /// 0.5 to 1.5 times this, from a hash of seed and account).
  double messages_per_minute = 1.0;
  /// Messages each account already has when the simulator starts.
  uint32_t backlog = 0;
  /// Twitter/X: requests per account and endpoint in one window.
  uint32_t twitter_rate_limit = 900;
  uint32_t twitter_rate_window_ms = 900000;
  /// LinkedIn: requests per account and endpoint per UTC day.
  uint32_t linkedin_daily_limit = 100000;
  /// Asio threads serving all simulators.
  uint32_t threads = 1;
  /// `run` connects this many demo accounts per polled platform against the
  /// simulators when the node has no accounts at all (runtime/demo_accounts).
  uint32_t demo_accounts = 2;
};

/// [http_client]: the outbound HTTP client of the gateways. A request's
/// own non-zero limits override the timeouts and the size cap.
struct http_client_settings {
  /// Open connections per (scheme, host, port); more requests wait.
  uint32_t max_connections_per_host = 8;
  /// Requests that may wait per host; beyond that they fail at once.
  uint32_t max_queue_per_host = 1000;
  /// An unused keep-alive connection is closed after this time.
  uint32_t idle_timeout_ms = 30000;
  uint32_t connect_timeout_ms = 5000;
  uint32_t read_timeout_ms = 15000;
  uint32_t total_timeout_ms = 30000;
  std::size_t max_response_bytes = 8 * 1024 * 1024;
  /// Extra trusted CA certificates (PEM) besides the system store.
  std::string ca_file;
};

/// [queues.<name>]: one durable queue's worker pool and the defaults of its
/// jobs (actors/queues/job_defaults.hpp; docs/queues.md).
struct queue_settings {
  /// Whether this node runs a worker pool for the queue.
  bool enabled = true;
  /// Jobs a pool runs at once.
  uint32_t concurrency = 1;
  /// Timeout of a job whose kind has no default of its own (ms).
  uint32_t timeout_ms = 60000;
  /// Attempts in all: the first try and the retries (4 = 3 retries).
  uint32_t max_attempts = 4;
  /// Retry backoff of the queue's jobs: fixed or exponential (from delay,
  /// doubling per attempt).
  std::string backoff = "exponential";
  uint32_t backoff_delay_ms = 5000;
  bool backoff_jitter = false;

  static queue_settings with(uint32_t concurrency, uint32_t timeout_ms) {
    queue_settings result;
    result.concurrency = concurrency;
    result.timeout_ms = timeout_ms;
    return result;
  }
};

/// [queues]: the worker pools of the durable queues and their janitor.
struct queues_settings {
  /// Most jobs one claim takes (one round trip).
  uint32_t claim_batch = 50;
  /// Jobs due within this much are claimed ahead and started at their
  /// run_at by the pool's own timer (0: claimed only once due).
  uint32_t claim_ahead_ms = 100;
  /// Round trips of a pool in flight at once, each on its own connection:
  /// with 2, half the slots' outcomes are written while the other half
  /// runs, and the database works while the node does.
  uint32_t trips_in_flight = 2;
  /// While a pool's recent attempts took less than this on average, it
  /// claims up to twice its concurrency in jobs more, started as running ones
  /// finish (0: never). Long jobs are never prefetched: they would wait
  /// locked, out of other nodes' reach.
  uint32_t prefetch_below_ms = 20;
  /// A claimed job's lock, renewed by heartbeats every heartbeat_ms.
  uint32_t lock_ms = 30000;
  uint32_t heartbeat_ms = 10000;
  /// Graceful shutdown: active jobs may finish this long, then the rest go
  /// back to waiting (below node.shutdown_deadline_ms).
  uint32_t drain_ms = 5000;
  /// How often expired locks are rescued.
  uint32_t rescue_interval_ms = 5000;
  /// Completed jobs are deleted this long after they finished (24 h).
  uint32_t retention_ms = 86'400'000;
  uint32_t prune_interval_ms = 60000;
  queue_settings media = queue_settings::with(2, 60000);
  queue_settings notification = queue_settings::with(5, 30000);
  queue_settings cleanup = queue_settings::with(1, 120000);
  queue_settings broadcast = queue_settings::with(4, 30000);
};

/// [media]: the media jobs (docs/media.md).
struct media_settings {
  /// The directory media store; empty: <data_dir>/media.
  std::string store_dir;
  /// Images are scaled down to fit this many pixels on their longer side.
  uint32_t max_dimension = 2048;
  /// Format of processed images: jpeg or webp.
  std::string image_format = "jpeg";
  /// JPEG/WebP quality of images, thumbnails and posters (1 to 100).
  uint32_t quality = 80;
  /// Thumbnails and video posters fit this on their longer side.
  uint32_t thumbnail_size = 320;
  /// Videos are scaled down to fit this on their longer side.
  uint32_t video_max_dimension = 1280;
  /// x264 constant rate factor (0 lossless to 51 worst).
  uint32_t video_crf = 23;
  uint32_t audio_bitrate_kbps = 96;
  /// Peaks in an audio message's waveform.
  uint32_t waveform_peaks = 100;
  std::string ffmpeg_path = "/usr/bin/ffmpeg";
  std::string ffprobe_path = "/usr/bin/ffprobe";
  /// One ffmpeg run is killed after this (ms); below the queue's job timeout
  /// so that a run ends, and its partial output is removed, before the pool
  /// gives up on the attempt.
  uint32_t audio_timeout_ms = 55000;
  uint32_t video_timeout_ms = 290000;
  uint32_t probe_timeout_ms = 15000;
  /// Larger inputs fail for good.
  std::size_t max_input_bytes = std::size_t{512} * 1024 * 1024;
};

/// [cleanup]: retention of the cleanup jobs (docs/cleanup.md). A job's
/// payload may ask for a longer age, never a shorter one.
struct cleanup_settings {
  uint32_t stories_ttl_hours = 24;
  uint32_t sessions_inactive_days = 30;
  uint32_t messages_retention_days = 365;
  uint32_t temp_files_max_age_hours = 24;
  /// Only temporary files under this directory are deleted; empty:
  /// <data_dir>/tmp.
  std::string temp_files_root;
  /// Prekey rotation: used prekeys go this long after use, unused ones at
  /// this age; users left with fewer unused ones are reported.
  uint32_t prekeys_used_retention_hours = 24;
  uint32_t prekeys_max_age_days = 90;
  uint32_t prekeys_min_unused = 10;
  /// Store files younger than this are never orphans (uploads in flight).
  uint32_t orphaned_media_min_age_hours = 24;
  /// A session marked active but silent this long has a stale websocket.
  uint32_t stale_websocket_minutes = 15;
  /// Rows deleted per transaction.
  uint32_t batch_size = 1000;
};

/// [notifications]: the notification jobs' providers (docs/notifications.md).
struct notifications_settings {
  /// FCM HTTP v1: https://fcm.googleapis.com, or the simulator.
  std::string fcm_base_url = "https://fcm.googleapis.com";
  std::string fcm_project_id;
  /// OAuth 2 access token sent as the Bearer of every send.
  std::string fcm_access_token;
  /// smtp://host:port (STARTTLS as smtp_starttls says) or smtps://host:port.
  std::string smtp_url = "smtp://127.0.0.1:25";
  /// The From header: "Name <address>" or an address.
  std::string smtp_from = "switchboard <noreply@localhost>";
  std::string smtp_username;
  std::string smtp_password;
  std::string smtp_starttls = "try"; ///< off, try, required
  /// SMSEagle API v2: the device's base URL (/api/v2/... is appended).
  std::string smseagle_base_url;
  std::string smseagle_access_token;
  /// Verify TLS certificates of FCM and the SMTP server ...
  bool tls_verify = true;
  /// ... and of the SMSEagle device (often self-signed).
  bool smseagle_tls_verify = true;
  /// One delivery attempt's limit; below the notification queue's timeout.
  uint32_t send_timeout_ms = 20000;
};

/// [polling]: account polling (docs/polling.md).
struct polling_settings {
  /// Interval of an account connected without its own.
  uint32_t default_interval_ms = 60000;
  /// Bounds of adaptive intervals.
  uint32_t min_interval_ms = 10000;
  uint32_t max_interval_ms = 600000;
  /// A 5xx answer: poll again after this.
  uint32_t server_error_delay_ms = 120000;
  /// Network and other failures: retries after base, 2 base, 4 base, ...
  uint32_t retry_base_ms = 2000;
  uint32_t max_retries = 3;
  /// Regular polls start on a grid of this period, so polls due close
  /// together share one timer wake-up; 0: exact times.
  uint32_t timer_slack_ms = 10;
  /// Poll results are stored in batches: a batch is written this long
  /// after its first result (or at 500 results).
  uint32_t store_max_delay_ms = 50;
  /// Key of tokens and message bodies at rest: 32 bytes as hex or base64;
  /// empty: the key file.
  std::string encryption_key;
  /// Empty: data_dir/encryption_key, generated (mode 0600) when missing.
  std::string key_file;
};

/// [amqp]: jobs consumed from a RabbitMQ exchange (docs/amqp.md).
struct amqp_settings {
  bool enabled = false;
  /// amqp://user:password@host:port/vhost (the seed's RABBITMQ_URL).
  std::string url = "amqp://guest:guest@localhost:5672";
  /// A durable topic exchange (the seed's RABBITMQ_EXCHANGE).
  std::string exchange = "sup_exchange";
  /// The durable queue this node consumes, bound to the exchange.
  std::string queue = "switchboard.jobs";
  /// Binding keys, comma-separated.
  std::string bindings = "media.*,notification.*,cleanup.*";
  /// Declared as the queue's x-dead-letter-exchange; empty: none.
  std::string dead_letter_exchange;
  /// Unacked deliveries the broker may send ahead.
  uint16_t prefetch = 500;
  /// Jobs per enqueue statement, and how long a batch may wait to fill.
  uint32_t batch_max = 200;
  uint32_t batch_delay_ms = 2;
  /// Heartbeat interval in seconds; 0: none.
  uint32_t heartbeat_s = 30;
  /// Longest wait of each step of a connect (TCP, login, declare).
  uint32_t connect_timeout_ms = 5000;
  /// Reconnect backoff: exponential from base to cap, full jitter.
  uint32_t reconnect_base_ms = 500;
  uint32_t reconnect_cap_ms = 30000;
};

struct config {
  /// Embedded PostgreSQL, key files and the generated admin token.
  std::string data_dir = "./var";
  database_settings database;
  http_settings http;
  log_settings log;
  node_settings node;
  supervision_settings supervision;
  inspect_settings inspect;
  simulator_settings simulators;
  media_settings media;
  cleanup_settings cleanup;
  queues_settings queues;
  http_client_settings http_client;
  notifications_settings notifications;
  polling_settings polling;
  amqp_settings amqp;
};

} // namespace switchboard
