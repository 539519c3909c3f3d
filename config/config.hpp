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
};

} // namespace switchboard
