#pragma once

// The face a live HTTP connection shows the server, without Beast types.

namespace switchboard::http {

/// One accepted connection. Both calls may come from any thread; the
/// connection carries them out on its own strand.
class connection {
 public:
  virtual ~connection() = default;

  /// Graceful: close now when idle, else answer the request being read or
  /// handled (with `Connection: close`) and close then.
  virtual void drain() = 0;

  /// Immediate: close the socket; an unanswered request gets no answer.
  virtual void close() = 0;
};

} // namespace switchboard::http
