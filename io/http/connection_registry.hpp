#pragma once

// The server's list of live connections, so that stop_accepting() and stop()
// can reach every one of them from outside their strands.

#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace switchboard::http {

class connection;

/// Weak references to live connections; a session adds itself when it starts
/// and removes itself when destroyed. Thread-safe.
class connection_registry {
 public:
  void add(const std::shared_ptr<connection>& s);
  void remove(const connection* s);
  std::vector<std::shared_ptr<connection>> snapshot() const;
  std::size_t size() const;

 private:
  mutable std::mutex mtx_;
  std::unordered_map<const connection*, std::weak_ptr<connection>> connections_;
};

} // namespace switchboard::http
