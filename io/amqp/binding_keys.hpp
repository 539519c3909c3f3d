#pragma once

#include <string>
#include <vector>

namespace switchboard::io::amqp {

/// The binding keys of a comma-separated list ("media.*, cleanup.*"):
/// trimmed, empty entries dropped, in order.
std::vector<std::string> split_binding_keys(const std::string& list);

} // namespace switchboard::io::amqp
