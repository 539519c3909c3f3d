#pragma once

// An actor system configuration for integration tests: switchboard's
// message types and error renderer, CAF's defaults otherwise.

#include <caf/actor_system_config.hpp>

#include "messages/all.hpp"

namespace switchboard::test {

struct test_config : caf::actor_system_config {
  test_config() {
    switchboard::add_message_types(*this);
  }
};

} // namespace switchboard::test
