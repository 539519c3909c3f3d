#pragma once

// Demo accounts: on a node with simulators.enabled and no connected accounts
// at all (a fresh database), `run` connects simulators.demo_accounts accounts
// per polled platform against the in-process simulators, so that the pollers
// have something to poll and /api/polling/stats moves within a minute.
// "No accounts at all" counts disconnected ones too: a demo account the
// user removed stays removed, and a node with real accounts gets none.
// Connecting goes through the polling manager's ordinary connect, which is
// idempotent, so two nodes starting on one fresh database do no harm.

#include <vector>

#include <caf/fwd.hpp>

#include "config/config.hpp"
#include "messages/polling.hpp"
#include "messages/supervision.hpp"

namespace switchboard {

/// The demo accounts of `cfg`: demo-twitter-1, demo-linkedin-1, ... with
/// placeholder tokens the simulators accept, polled every 15 s (or at the
/// default interval, when that is shorter). Empty when simulators are
/// disabled or demo_accounts is 0.
std::vector<account_connection> demo_accounts(const config& cfg);

/// Spawns a one-shot actor that waits for the polling manager and the
/// database, checks that no account exists, connects demo_accounts(cfg)
/// and quits (at the latest when `node` goes down). Does nothing when
/// demo_accounts(cfg) is empty.
void connect_demo_accounts(caf::actor_system& sys, const supervisor_actor& node,
                           const config& cfg);

} // namespace switchboard
