#include "io/sim/smseagle_state.hpp"

namespace switchboard::sim {

int64_t smseagle_state::accept(std::string number, std::string text,
                               std::string encoding, std::string validity,
                               int64_t now_ms) {
  std::lock_guard<std::mutex> guard{mtx_};
  stored_sms sms;
  sms.record.id = next_id_++;
  sms.record.number = std::move(number);
  sms.record.text = std::move(text);
  sms.inserted_ms = now_ms;
  sms.encoding = std::move(encoding);
  sms.validity = std::move(validity);
  stored_.push_back(std::move(sms));
  return stored_.back().record.id;
}

std::vector<sms_record> smseagle_state::accepted() const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<sms_record> out;
  out.reserve(stored_.size());
  for (const auto& sms : stored_)
    out.push_back(sms.record);
  return out;
}

std::vector<stored_sms> smseagle_state::stored() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return stored_;
}

void smseagle_state::clear() {
  std::lock_guard<std::mutex> guard{mtx_};
  stored_.clear();
  // Ids keep growing, as a device's table ids do.
}

} // namespace switchboard::sim
