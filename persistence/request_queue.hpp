#pragma once

// The waiting room of the database pool: a bounded FIFO whose entries carry
// the time they arrived, so requests that waited too long can be taken out.
// Pure data structure (no actors, no clock of its own) so the deadline rules
// are tested without a database.

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

namespace switchboard::persistence {

template <class T>
class request_queue {
 public:
  using clock = std::chrono::steady_clock;
  using time_point = clock::time_point;

  struct entry {
    T value;
    time_point enqueued;
  };

  explicit request_queue(std::size_t limit) : limit_(limit) {
    // nop
  }

  std::size_t size() const {
    return entries_.size();
  }

  bool empty() const {
    return entries_.empty();
  }

  bool full() const {
    return entries_.size() >= limit_;
  }

  /// Appends a new request; returns false (and keeps nothing) when full.
  bool push_back(T value, time_point now) {
    if (full()) return false;
    entries_.push_back(entry{std::move(value), now});
    return true;
  }

  /// Puts a request that was taken out back at the head, keeping its
  /// original arrival time; never refused, so a request is never lost.
  void push_front(entry e) {
    entries_.push_front(std::move(e));
  }

  /// Removes and returns the head. Precondition: not empty.
  entry pop_front() {
    auto result = std::move(entries_.front());
    entries_.pop_front();
    return result;
  }

  /// Removes every entry that arrived at or before `now - max_wait`, in
  /// queue order.
  std::vector<entry> take_expired(time_point now,
                                  std::chrono::nanoseconds max_wait) {
    std::vector<entry> expired;
    std::deque<entry> kept;
    for (auto& e : entries_) {
      if (e.enqueued + max_wait <= now)
        expired.push_back(std::move(e));
      else
        kept.push_back(std::move(e));
    }
    entries_ = std::move(kept);
    return expired;
  }

  /// Arrival time of the entry that has waited longest, if any.
  std::optional<time_point> oldest() const {
    if (entries_.empty()) return std::nullopt;
    auto i = std::min_element(entries_.begin(), entries_.end(),
                              [](const entry& x, const entry& y) {
                                return x.enqueued < y.enqueued;
                              });
    return i->enqueued;
  }

  /// Removes and returns everything, in queue order.
  std::deque<entry> take_all() {
    return std::exchange(entries_, {});
  }

 private:
  std::size_t limit_;
  std::deque<entry> entries_;
};

} // namespace switchboard::persistence
