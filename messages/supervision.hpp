#pragma once

// Messages and typed interface of: Supervisors (runtime/supervisor.*).

#include <caf/type_id.hpp>

#include <caf/atom.hpp>

CAF_BEGIN_TYPE_ID_BLOCK(sb_sup, caf::first_custom_type_id + 200)

CAF_END_TYPE_ID_BLOCK(sb_sup)
