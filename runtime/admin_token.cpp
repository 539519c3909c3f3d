#include "runtime/admin_token.hpp"

#include <array>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sodium.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace switchboard {

namespace {

std::string random_hex(std::size_t bytes) {
  if (sodium_init() < 0)
    throw std::runtime_error("libsodium failed to initialise");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(),
                 reinterpret_cast<const unsigned char*>(raw.data()), bytes);
  hex.pop_back();
  return hex;
}

std::string read_token(const std::string& path) {
  std::ifstream in{path};
  std::string token;
  std::getline(in, token);
  return token;
}

// Written with O_EXCL and mode 0600 so the token is never readable by others,
// not even for an instant.
void write_token(const std::string& path, const std::string& token) {
  auto fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw std::runtime_error("cannot create " + path);
  auto line = token + "\n";
  auto ok = ::write(fd, line.data(), line.size())
            == static_cast<ssize_t>(line.size());
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + path);
}

} // namespace

admin_token resolve_admin_token(const std::string& configured,
                                const std::string& data_dir) {
  if (!configured.empty()) return {configured, {}, false};
  std::filesystem::create_directories(data_dir);
  auto path = (std::filesystem::path{data_dir} / "admin_token").string();
  if (std::filesystem::exists(path)) {
    auto token = read_token(path);
    if (token.empty())
      throw std::runtime_error(path + " is empty; delete it to regenerate");
    return {token, path, false};
  }
  auto token = random_hex(32);
  write_token(path, token);
  return {token, path, true};
}

} // namespace switchboard
