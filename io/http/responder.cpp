#include "io/http/responder.hpp"

#include <utility>

namespace switchboard::http {

responder::responder() : responder(sink{}) {
  // nop
}

responder::responder(sink deliver) : state_(std::make_shared<state>()) {
  state_->deliver = std::move(deliver);
}

bool responder::operator()(response r) const {
  if (state_->done.exchange(true, std::memory_order_acq_rel)) return false;
  // Only the winner of the exchange touches `deliver`, so moving it out is
  // race-free; it also drops what the sink captured (the connection) now
  // rather than when the last copy of the responder goes away.
  auto deliver = std::move(state_->deliver);
  state_->deliver = nullptr;
  if (deliver) deliver(std::move(r));
  return true;
}

bool responder::answered() const noexcept {
  return state_->done.load(std::memory_order_acquire);
}

} // namespace switchboard::http
