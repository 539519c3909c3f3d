#pragma once

// Wakes the main thread once: from a signal thread (SIGINT, SIGTERM) or from
// POST /shutdown. The first reason wins; later triggers are ignored.

#include <condition_variable>
#include <mutex>
#include <string>

namespace switchboard {

class shutdown_latch {
 public:
  /// Records `reason` and wakes wait(); later calls do nothing.
  void trigger(std::string reason) {
    {
      std::lock_guard<std::mutex> guard{mtx_};
      if (triggered_) return;
      triggered_ = true;
      reason_ = std::move(reason);
    }
    cv_.notify_all();
  }

  /// Blocks until trigger(); returns its reason.
  std::string wait() {
    std::unique_lock<std::mutex> guard{mtx_};
    cv_.wait(guard, [this] {
      return triggered_;
    });
    return reason_;
  }

 private:
  std::mutex mtx_;
  std::condition_variable cv_;
  bool triggered_ = false;
  std::string reason_;
};

} // namespace switchboard
