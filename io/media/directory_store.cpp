#include "io/media/directory_store.hpp"

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

#include "io/media/media_key.hpp"

namespace fs = std::filesystem;

namespace switchboard::io::media {

namespace {

constexpr const char* scratch_name = ".tmp";

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

void check_key(std::string_view key) {
  if (!is_valid_media_key(key))
    throw std::invalid_argument("invalid media key");
}

// Flushes a file (or directory) to disk so a rename after it is durable.
void sync_path(const std::string& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw_errno("open " + path);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw_errno("fsync " + path);
}

std::chrono::system_clock::time_point modified_time(const struct stat& st) {
  auto since_epoch = std::chrono::seconds{st.st_mtim.tv_sec}
                     + std::chrono::nanoseconds{st.st_mtim.tv_nsec};
  return std::chrono::system_clock::time_point{
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          since_epoch)};
}

std::string unique_name(std::string_view suffix) {
  static std::atomic<uint64_t> counter{0};
  auto now = std::chrono::steady_clock::now().time_since_epoch().count();
  return std::to_string(::getpid()) + "-" + std::to_string(now) + "-"
         + std::to_string(counter++) + std::string{suffix};
}

} // namespace

directory_store::directory_store(std::string root)
    : root_(std::move(root)), scratch_dir_(root_ + "/" + scratch_name) {
  fs::create_directories(scratch_dir_);
}

std::string directory_store::path_of(std::string_view key) const {
  check_key(key);
  return root_ + "/" + std::string{key};
}

std::string directory_store::scratch_path(std::string_view suffix) const {
  return scratch_dir_ + "/" + unique_name(suffix);
}

void directory_store::commit(const std::string& scratch,
                             std::string_view key) const {
  auto target = path_of(key);
  auto dir = fs::path{target}.parent_path();
  fs::create_directories(dir);
  sync_path(scratch, O_RDONLY);
  if (::rename(scratch.c_str(), target.c_str()) != 0)
    throw_errno("rename into " + std::string{key});
  sync_path(dir.string(), O_RDONLY | O_DIRECTORY);
}

void directory_store::put(std::string_view key, std::string_view bytes) const {
  check_key(key);
  auto scratch = scratch_path(".part");
  {
    std::ofstream out{scratch, std::ios::binary | std::ios::trunc};
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::error_code ignored;
      fs::remove(scratch, ignored);
      throw std::system_error(EIO, std::generic_category(),
                              "write " + std::string{key});
    }
  }
  commit(scratch, key);
}

std::optional<std::string> directory_store::get(std::string_view key) const {
  std::ifstream in{path_of(key), std::ios::binary};
  if (!in) return std::nullopt;
  return std::string{std::istreambuf_iterator<char>{in}, {}};
}

bool directory_store::exists(std::string_view key) const {
  struct stat st {};
  return ::stat(path_of(key).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool directory_store::remove(std::string_view key) const {
  auto path = path_of(key);
  if (::unlink(path.c_str()) == 0) return true;
  if (errno == ENOENT) return false;
  throw_errno("remove " + std::string{key});
}

std::vector<directory_store::entry> directory_store::list() const {
  std::vector<entry> result;
  auto it = fs::recursive_directory_iterator{root_};
  for (; it != fs::recursive_directory_iterator{}; ++it) {
    if (it->path().filename().string().front() == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    struct stat st {};
    if (!it->is_regular_file() || ::stat(it->path().c_str(), &st) != 0)
      continue;
    auto key = fs::relative(it->path(), root_).string();
    if (is_valid_media_key(key))
      result.push_back(
          {key, static_cast<uint64_t>(st.st_size), modified_time(st)});
  }
  return result;
}

std::vector<std::string> directory_store::stale_scratch(
    std::chrono::system_clock::time_point before) const {
  std::vector<std::string> result;
  for (const auto& file : fs::directory_iterator{scratch_dir_}) {
    struct stat st {};
    if (::stat(file.path().c_str(), &st) == 0 && S_ISREG(st.st_mode)
        && modified_time(st) < before)
      result.push_back(file.path().string());
  }
  return result;
}

} // namespace switchboard::io::media
