#pragma once

// The body of GET /api/cron (docs/cron.md), a pure function of the cron
// actor's answer:
//   {"items": [{"name", "expression", "zone", "queue", "kind",
//               "missed": {"policy": "skip" | "run_once" | "run_all",
//                          "cap": int},
//               "last_fired_at": RFC 3339 | null,
//               "next_fire_at": RFC 3339 | null,
//               "pending": [RFC 3339, ...], "last_error": str | null}],
//    "next_cursor": null}

#include <nlohmann/json.hpp>
#include <vector>

#include "messages/cron.hpp"

namespace switchboard::http {

nlohmann::json cron_table_json(const std::vector<cron_entry_status>& xs);

} // namespace switchboard::http
