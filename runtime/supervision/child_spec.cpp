#include "runtime/supervision/child_spec.hpp"

#include <memory>

namespace switchboard {

child_template_ptr make_template(std::string kind, start_fn start,
                                 restart_type restart,
                                 std::optional<caf::atom_value> registry_key) {
  return std::make_shared<const child_template>(
      child_template{std::move(kind), std::move(start), restart, registry_key});
}

child_spec make_child(std::string name, std::string kind, start_fn start,
                      restart_type restart,
                      std::optional<caf::atom_value> registry_key) {
  return child_spec{
      std::move(name),
      make_template(std::move(kind), std::move(start), restart, registry_key)};
}

} // namespace switchboard
