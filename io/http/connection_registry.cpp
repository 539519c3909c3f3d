#include "io/http/connection_registry.hpp"

namespace switchboard::http {

void connection_registry::add(const std::shared_ptr<connection>& s) {
  std::lock_guard<std::mutex> guard{mtx_};
  connections_.emplace(s.get(), s);
}

void connection_registry::remove(const connection* s) {
  std::lock_guard<std::mutex> guard{mtx_};
  connections_.erase(s);
}

std::vector<std::shared_ptr<connection>> connection_registry::snapshot() const {
  std::vector<std::shared_ptr<connection>> result;
  std::lock_guard<std::mutex> guard{mtx_};
  result.reserve(connections_.size());
  for (auto& entry : connections_)
    if (auto s = entry.second.lock()) result.push_back(std::move(s));
  return result;
}

std::size_t connection_registry::size() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return connections_.size();
}

} // namespace switchboard::http
