#pragma once

// The bodies of the monitoring routes, as pure functions of their inputs.
// Field lists (for the README):
//
// GET /health → 200 when the database is reachable, else 503:
//   {"status": "ok" | "unavailable", "node_id": str, "version": str,
//    "uptime_ms": int, "started_at": RFC 3339,
//    "database": {"reachable": bool, "latency_ms": int | null}}
//
// GET /metrics/system → 200:
//   {"cpu":     {"count": int, "load_1m": num, "load_5m": num,
//                "load_15m": num, "process_user_seconds": num,
//                "process_system_seconds": num},
//    "memory":  {"total_bytes": int, "available_bytes": int,
//                "process_resident_bytes": int,
//                "process_virtual_bytes": int},
//    "process": {"pid": int, "threads": int, "open_fds": int,
//                "started_at": RFC 3339, "uptime_ms": int}}
//
// GET /metrics/queues → 200:
//   {"queues": [{"name": str, "waiting": int, "active": int,
//                "completed": int, "failed": int, "delayed": int,
//                "dead": int, "paused": bool}, ...]}

#include <chrono>
#include <vector>

#include "io/http/message.hpp"
#include "io/http/monitoring_report.hpp"
#include "io/system/process_stats.hpp"

namespace switchboard::http {

/// The /health answer at time `now`.
response health_response(const health_report& report,
                         std::chrono::system_clock::time_point now);

/// The /metrics/system body.
nlohmann::json system_json(const io::process_stats& process,
                           const io::system_stats& system);

/// The /metrics/queues body.
nlohmann::json queues_json(const std::vector<queue_figures>& queues);

} // namespace switchboard::http
