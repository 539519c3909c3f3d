#include "messages/all.hpp"

#include <caf/atom.hpp>

#include "messages/atoms.hpp"
#include "messages/database.hpp"
#include "messages/error.hpp"
#include "messages/node.hpp"
#include "messages/queues.hpp"
#include "messages/supervision.hpp"

namespace switchboard {

void add_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_types<caf::id_block::sb_core>();
  cfg.add_message_types<caf::id_block::sb_db>();
  cfg.add_message_types<caf::id_block::sb_sup>();
  cfg.add_message_types<caf::id_block::sb_node>();
  cfg.add_message_types<caf::id_block::sb_queue>();
  cfg.add_error_category(caf::atom("sb"), [](uint8_t code, caf::atom_value,
                                             const caf::message& ctx) {
    return render(static_cast<errc>(code), ctx);
  });
}

} // namespace switchboard
