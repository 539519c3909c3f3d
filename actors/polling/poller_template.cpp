#include "actors/polling/poller_template.hpp"

#include <caf/actor_system.hpp>

#include "actors/polling/account_poller.hpp"
#include "runtime/supervision/child_spec.hpp"

namespace switchboard::polling {

child_template_ptr make_poller_template(poller_deps_ptr deps) {
  auto plain = spawn_named_fn(named_account_poller, deps);
  auto tmpl = std::make_shared<child_template>(
      *make_template("account_poller", plain, restart_type::transient));
  tmpl->start_with = [plain, deps](caf::local_actor* sup,
                                   const std::string& name,
                                   const caf::message& arg) {
    if (!arg.match_elements<polling_account>()) return plain(sup, name);
    // Through the system, as spawn_named_fn does (see child_spec.hpp).
    return caf::actor_cast<caf::actor>(sup->system().spawn(
        preloaded_account_poller, name, arg.get_as<polling_account>(0), deps));
  };
  return tmpl;
}

} // namespace switchboard::polling
