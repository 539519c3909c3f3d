#pragma once

// Drives many concurrent requests from one event-based actor and reports
// when every one is answered, so a test can put load on the pool or a
// writer without a blocking receive per request.

#include <cstdint>
#include <functional>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>
#include <caf/timespan.hpp>

#include "messages/database.hpp"

namespace switchboard::test {

/// Sends `(exec_atom, make(i))` to `pool` for i in [first, first + count)
/// and, once all are answered, sends `(uint32_t ok, uint32_t failed)` to
/// `report_to`.
caf::actor spawn_task_driver(caf::actor_system& sys, database_actor pool,
                             uint32_t first, uint32_t count,
                             std::function<db_task(uint32_t)> make,
                             caf::actor report_to, caf::timespan timeout);

/// Same for `(put_atom, make(i))` to a batching writer.
caf::actor spawn_row_driver(caf::actor_system& sys, batch_writer_actor writer,
                            uint32_t first, uint32_t count,
                            std::function<db_row(uint32_t)> make,
                            caf::actor report_to, caf::timespan timeout);

} // namespace switchboard::test
