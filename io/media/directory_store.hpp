#pragma once

// The media store: files under one directory, addressed by key
// (io/media/media_key.hpp). The default store of the hub's media; another
// backend (S3) would offer the same operations.
//
// Promises:
// - Writes are atomic: a file is written under the store's scratch
//   directory (<root>/.tmp), flushed to disk, then renamed onto its key, so
//   a reader sees the old file or the new one, never a partial one; a crash
//   leaves at most a scratch file, which the orphaned-media sweep removes.
// - Keys are checked: an invalid key throws std::invalid_argument, so no key
//   reaches outside the root or into the scratch directory.
// - Safe to use from several threads at once (no state besides the root).
// - I/O failures throw std::system_error with the errno and the key.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switchboard::io::media {

class directory_store {
 public:
  /// A stored file.
  struct entry {
    std::string key;
    uint64_t bytes = 0;
    std::chrono::system_clock::time_point modified;
  };

  /// Opens the store at `root`, creating it and its scratch directory.
  explicit directory_store(std::string root);

  const std::string& root() const {
    return root_;
  }

  /// The file of `key` (which need not exist).
  std::string path_of(std::string_view key) const;

  /// A new, unused path in the scratch directory, ending in `suffix`
  /// (e.g. ".mp4", which tools use to pick the format). Nothing is created.
  std::string scratch_path(std::string_view suffix) const;

  /// Moves the finished file `scratch` onto `key` atomically (after
  /// flushing it), replacing what `key` held.
  void commit(const std::string& scratch, std::string_view key) const;

  /// Stores `bytes` under `key` atomically.
  void put(std::string_view key, std::string_view bytes) const;

  /// The content of `key`; std::nullopt when it does not exist.
  std::optional<std::string> get(std::string_view key) const;

  bool exists(std::string_view key) const;

  /// Removes `key`; returns whether it existed. Idempotent.
  bool remove(std::string_view key) const;

  /// Every stored file (not the scratch files), in no particular order.
  std::vector<entry> list() const;

  /// Scratch files last written before `before` (left by crashed writers).
  std::vector<std::string>
  stale_scratch(std::chrono::system_clock::time_point before) const;

 private:
  std::string root_;
  std::string scratch_dir_;
};

} // namespace switchboard::io::media
