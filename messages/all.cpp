#include "messages/all.hpp"

#include <caf/atom.hpp>

#include "messages/amqp.hpp"
#include "messages/atoms.hpp"
#include "messages/cron.hpp"
#include "messages/database.hpp"
#include "messages/error.hpp"
#include "messages/http_client.hpp"
#include "messages/node.hpp"
#include "messages/notifications.hpp"
#include "messages/polling.hpp"
#include "messages/polling_ops.hpp"
#include "messages/queues.hpp"
#include "messages/supervision.hpp"
#include "messages/worker_pool.hpp"

namespace switchboard {

void add_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_types<caf::id_block::sb_core>();
  cfg.add_message_types<caf::id_block::sb_db>();
  cfg.add_message_types<caf::id_block::sb_sup>();
  cfg.add_message_types<caf::id_block::sb_node>();
  cfg.add_message_types<caf::id_block::sb_queue>();
  cfg.add_message_types<caf::id_block::sb_amqp>();
  cfg.add_message_types<caf::id_block::sb_pool>();
  cfg.add_message_types<caf::id_block::sb_cron>();
  cfg.add_message_types<caf::id_block::sb_http>();
  cfg.add_message_types<caf::id_block::sb_notify>();
  cfg.add_message_types<caf::id_block::sb_poll>();
  cfg.add_message_types<caf::id_block::sb_pollops>();
  cfg.add_error_category(caf::atom("sb"), [](uint8_t code, caf::atom_value,
                                             const caf::message& ctx) {
    return render(static_cast<errc>(code), ctx);
  });
}

} // namespace switchboard
