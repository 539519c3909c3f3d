#pragma once

// Messages and typed interface of: The database actor: a pool of connections (persistence/database_pool.*).

#include <caf/type_id.hpp>

#include <caf/atom.hpp>

CAF_BEGIN_TYPE_ID_BLOCK(sb_db, caf::first_custom_type_id + 100)

CAF_END_TYPE_ID_BLOCK(sb_db)
