#pragma once

// How a handler answers. Handlers may answer later and from any thread (an
// actor's reply, a one-shot requester), so the answer travels through a
// callable that the connection created and that posts back onto its strand.

#include <atomic>
#include <functional>
#include <memory>

#include "io/http/message.hpp"

namespace switchboard::http {

/// Delivers one response for one request. Copies share one state: the first
/// call on any copy delivers, every later call is ignored. Safe to copy and
/// to call from any thread. A responder whose connection is gone drops the
/// response silently.
class responder {
 public:
  /// Receives the one response; must itself be safe to call from any thread
  /// (the server's sink posts onto the connection's strand).
  using sink = std::function<void(response)>;

  /// A responder that discards its response (for tests and placeholders).
  responder();

  explicit responder(sink deliver);

  /// Delivers `r` unless a response was delivered already. Returns whether
  /// this call delivered.
  bool operator()(response r) const;

  /// Whether a response was delivered (by any copy).
  bool answered() const noexcept;

 private:
  struct state {
    std::atomic<bool> done{false};
    sink deliver;
  };

  std::shared_ptr<state> state_;
};

} // namespace switchboard::http
