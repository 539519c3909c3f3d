#pragma once

// Messages and typed interface of the node supervisor (runtime/node.*).

#include <caf/type_id.hpp>

#include <caf/atom.hpp>

CAF_BEGIN_TYPE_ID_BLOCK(sb_node, caf::first_custom_type_id + 400)

CAF_END_TYPE_ID_BLOCK(sb_node)
