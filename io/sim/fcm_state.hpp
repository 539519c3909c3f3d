#pragma once

// The FCM simulator's own state: which device tokens are no longer good,
// and every message it accepted. Thread-safe.

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/sim/simulators.hpp"

namespace switchboard::sim {

class fcm_state {
 public:
  void set_token_state(const std::string& token, device_state state);
  /// The token's state: set by a test, else by prefix ("unregistered-",
  /// "invalid-", "foreign-"), else valid.
  device_state token_state(const std::string& token) const;

  /// Records an accepted message and returns its name.
  std::string accept(const std::string& project, const std::string& target,
                     std::string message_json);
  std::vector<fcm_record> accepted() const;

  void clear();

 private:
  mutable std::mutex mtx_;
  std::unordered_map<std::string, device_state> tokens_;
  std::vector<fcm_record> accepted_;
  uint64_t sequence_ = 0;
};

} // namespace switchboard::sim
