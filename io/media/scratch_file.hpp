#pragma once

// A file being produced (by ffmpeg, libvips): removed when the guard goes
// away unless it was handed over, so a failed or timed-out run leaves no
// partial file behind.

#include <cstdio>
#include <string>
#include <utility>

namespace switchboard::io::media {

class scratch_file {
 public:
  explicit scratch_file(std::string path) : path_(std::move(path)) {
  }

  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;

  ~scratch_file() {
    if (!path_.empty()) std::remove(path_.c_str());
  }

  const std::string& path() const {
    return path_;
  }

  /// The file is someone else's now (e.g. committed into the store).
  void release() {
    path_.clear();
  }

 private:
  std::string path_;
};

} // namespace switchboard::io::media
