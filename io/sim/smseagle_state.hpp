#pragma once

// The SMSEagle simulator's device: the SMS it accepted (its outbox and sent
// folders). Thread-safe.

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "io/sim/simulators.hpp"

namespace switchboard::sim {

/// One accepted SMS as the device keeps it.
struct stored_sms {
  sms_record record;
  int64_t inserted_ms = 0;
  std::string encoding;
  std::string validity;
};

class smseagle_state {
 public:
  /// Stores one SMS and returns its id (1, 2, ... per device).
  int64_t accept(std::string number, std::string text, std::string encoding,
                 std::string validity, int64_t now_ms);
  std::vector<sms_record> accepted() const;
  std::vector<stored_sms> stored() const;
  void clear();

 private:
  mutable std::mutex mtx_;
  std::vector<stored_sms> stored_;
  int64_t next_id_ = 1;
};

} // namespace switchboard::sim
