#include "runtime/encryption_key.hpp"

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace switchboard {

namespace {

namespace fs = std::filesystem;

bool skipped(const std::string& line) {
  auto first = line.find_first_not_of(" \t\r");
  return first == std::string::npos || line[first] == '#';
}

// A key others can read is as good as published: refuse it, as ssh does.
void require_private(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw std::runtime_error("cannot stat key file " + path);
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    throw std::runtime_error("key file " + path
                             + " is accessible by group or others; chmod 600");
}

std::vector<crypto::secret_key> read_keys(const std::string& path) {
  require_private(path);
  std::ifstream in{path};
  if (!in) throw std::runtime_error("cannot read key file " + path);
  std::vector<crypto::secret_key> keys;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (skipped(line)) continue;
    try {
      keys.push_back(crypto::secret_key::parse(line));
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error("key file " + path + " line "
                               + std::to_string(number) + ": " + e.what());
    }
  }
  if (keys.empty())
    throw std::runtime_error("key file " + path + " holds no key");
  return keys;
}

// Created with O_EXCL and mode 0600 so the key is never readable by others,
// not even for an instant, and two starts cannot both write one.
void write_key(const std::string& path, const crypto::secret_key& key) {
  auto fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw std::runtime_error("cannot create key file " + path);
  auto line = key.to_hex() + "\n";
  auto ok = ::write(fd, line.data(), line.size())
                == static_cast<ssize_t>(line.size())
            && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write key file " + path);
}

std::shared_ptr<const crypto::keyring>
make_ring(std::vector<crypto::secret_key> keys) {
  return std::make_shared<const crypto::keyring>(std::move(keys));
}

} // namespace

encryption_keys resolve_encryption_keys(const std::string& configured,
                                        const std::string& key_file,
                                        const std::string& data_dir) {
  if (!configured.empty()) {
    try {
      return {make_ring({crypto::secret_key::parse(configured)}), {}, false};
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(std::string{"polling.encryption_key: "}
                               + e.what());
    }
  }
  auto path = key_file.empty()
                  ? (fs::path{data_dir} / "encryption_key").string()
                  : key_file;
  if (fs::exists(path)) return {make_ring(read_keys(path)), path, false};
  auto parent = fs::path{path}.parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  auto key = crypto::secret_key::generate();
  write_key(path, key);
  return {make_ring({key}), path, true};
}

} // namespace switchboard
