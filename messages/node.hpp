#pragma once

// Messages and typed interface of the node supervisor (runtime/node.*).

#include <caf/atom.hpp>
#include <caf/type_id.hpp>

CAF_BEGIN_TYPE_ID_BLOCK(sb_node, caf::first_custom_type_id + 400)

// Registry keys of the node's singletons (system().registry()).
CAF_ADD_ATOM(sb_node, switchboard, node_atom, "node")
CAF_ADD_ATOM(sb_node, switchboard, database_atom, "database")
CAF_ADD_ATOM(sb_node, switchboard, polling_atom, "polling")
CAF_ADD_ATOM(sb_node, switchboard, scheduled_atom, "scheduled")
CAF_ADD_ATOM(sb_node, switchboard, recurring_atom, "recurring")
CAF_ADD_ATOM(sb_node, switchboard, sms_atom, "sms")
CAF_ADD_ATOM(sb_node, switchboard, queues_atom, "queues")

CAF_END_TYPE_ID_BLOCK(sb_node)
