#pragma once

// The SMSEagle API v2 simulator's routes (specs/SMSEAGLE-APIv2.md):
// POST /api/v2/messages/sms and /sms_single (also under /index.php), GET
// /api/v2/messages/{folder} for inbox, outbox and sent, with the
// `access-token` header; GET /_sim/messages lists what was accepted.

#include <memory>

#include "io/http/router.hpp"

namespace switchboard::sim {

class sim_core;
class smseagle_state;

void add_smseagle_routes(http::router& routes, std::shared_ptr<sim_core> core,
                         std::shared_ptr<smseagle_state> state);

/// Where an accepted SMS is `elapsed_ms` after it was accepted: "outbox"
/// for the first second, then "sent" with status delivery_pending, and from
/// 3 s on delivery_ok (delivery_failed for numbers ending in "99").
struct sms_progress {
  std::string folder;
  std::string status;
};
sms_progress progress_of(const std::string& number, int64_t elapsed_ms);

} // namespace switchboard::sim
