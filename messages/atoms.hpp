#pragma once

// Atoms shared by several actors. An area's own atoms live in its messages
// header (messages/database.hpp, messages/supervision.hpp, ...). CAF's
// predefined atoms (get_atom, put_atom, ok_atom, ping_atom, tick_atom,
// timeout_atom, ...) are used as they are, never redefined.
//
// Atom texts are at most 10 characters of [0-9A-Za-z_] (see STYLE.md §6).

#include <caf/atom.hpp>
#include <caf/type_id.hpp>

CAF_BEGIN_TYPE_ID_BLOCK(sb_core, caf::first_custom_type_id)

CAF_ADD_ATOM(sb_core, switchboard, shutdown_atom, "shutdown")
CAF_ADD_ATOM(sb_core, switchboard, health_atom, "health")
CAF_ADD_ATOM(sb_core, switchboard, stats_atom, "stats")
CAF_ADD_ATOM(sb_core, switchboard, stop_atom, "stop")
CAF_ADD_ATOM(sb_core, switchboard, status_atom, "status")

CAF_END_TYPE_ID_BLOCK(sb_core)
