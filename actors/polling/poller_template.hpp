#pragma once

// The supervisor template of the account pollers (transient children named
// poller_name(id)). Its two start functions are the poller's two ways in:
//
//   start        a poller that loads its own account (connect, a restart
//                after a crash, poll-now of a restarting child)
//   start_with   given a polling_account (the manager's start-up page), a
//                poller that makes no query on start
//                (preloaded_account_poller); given anything else (an empty
//                argument), the plain start
//
// Restarts always take `start`, so a crashed poller reads its row afresh.

#include "actors/polling/poller_deps.hpp"
#include "messages/supervision.hpp"

namespace switchboard::polling {

child_template_ptr make_poller_template(poller_deps_ptr deps);

} // namespace switchboard::polling
