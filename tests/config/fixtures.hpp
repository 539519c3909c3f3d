#pragma once

// Helpers shared by the config and logging suites: a temporary directory that
// removes itself, file reading and writing, and catching config_error.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "config/config_error.hpp"

namespace switchboard::test {

/// A fresh directory under the system temp dir, removed with its contents.
class temp_dir {
 public:
  temp_dir() {
    auto pattern
        = (std::filesystem::temp_directory_path() / "sb-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a temp dir");
    path_ = pattern;
  }

  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;

  const std::filesystem::path& path() const {
    return path_;
  }

  /// Writes `text` to `name` inside the directory and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    auto file = path_ / name;
    std::ofstream{file} << text;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in{file};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::vector<std::string> read_lines(const std::filesystem::path& file) {
  std::ifstream in{file};
  std::vector<std::string> result;
  for (std::string line; std::getline(in, line);)
    result.push_back(line);
  return result;
}

/// The what() of the `Error` that `f` throws, or a text saying that it threw
/// none, so checks compare one string either way.
template <class Error = config_error, class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& err) {
    return err.what();
  }
  return "(no exception)";
}

} // namespace switchboard::test
