#include "io/sim/fcm_state.hpp"

#include <cstdio>

namespace switchboard::sim {

namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

void fcm_state::set_token_state(const std::string& token, device_state state) {
  std::lock_guard<std::mutex> guard{mtx_};
  tokens_[token] = state;
}

device_state fcm_state::token_state(const std::string& token) const {
  {
    std::lock_guard<std::mutex> guard{mtx_};
    if (auto i = tokens_.find(token); i != tokens_.end()) return i->second;
  }
  if (starts_with(token, "unregistered-")) return device_state::unregistered;
  if (starts_with(token, "invalid-")) return device_state::invalid;
  if (starts_with(token, "foreign-")) return device_state::foreign;
  return device_state::valid;
}

std::string fcm_state::accept(const std::string& project,
                              const std::string& target,
                              std::string message_json) {
  std::lock_guard<std::mutex> guard{mtx_};
  ++sequence_;
  char suffix[40];
  std::snprintf(
      suffix, sizeof suffix, "0:%016llu%%%08llx",
      static_cast<unsigned long long>(1'500'000'000'000'000ULL + sequence_),
      static_cast<unsigned long long>(sequence_ * 2654435761ULL
                                      & 0xffffffffULL));
  fcm_record record;
  record.name = "projects/" + project + "/messages/" + suffix;
  record.project = project;
  record.target = target;
  record.message_json = std::move(message_json);
  accepted_.push_back(record);
  return record.name;
}

std::vector<fcm_record> fcm_state::accepted() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return accepted_;
}

void fcm_state::clear() {
  std::lock_guard<std::mutex> guard{mtx_};
  tokens_.clear();
  accepted_.clear();
}

} // namespace switchboard::sim
