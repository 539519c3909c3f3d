#include "actors/queues/handlers/cleanup/file_removers.hpp"

#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

namespace switchboard::cleanup_jobs {

namespace {

namespace fs = std::filesystem;
using persistence::cleanup_repo::file_removal;

file_removal unlink_file(const std::string& path) {
  if (::unlink(path.c_str()) == 0) return file_removal::removed;
  if (errno == ENOENT) return file_removal::missing;
  if (errno == EISDIR || errno == EPERM) return file_removal::refused;
  return file_removal::failed;
}

// Symbolic links among the parent directories could lead outside the root
// although the path does not say so.
bool parent_inside(const std::string& root, const std::string& path) {
  std::error_code ec;
  auto real_root = fs::weakly_canonical(root, ec);
  if (ec) return false;
  auto real_parent = fs::weakly_canonical(fs::path{path}.parent_path(), ec);
  if (ec) return false;
  auto rel = real_parent.lexically_relative(real_root);
  return !rel.empty() && *rel.begin() != "..";
}

} // namespace

std::optional<std::string> deletable_path(const std::string& root,
                                          const std::string& file_path) {
  if (root.empty() || file_path.empty()) return std::nullopt;
  auto base = fs::path{root}.lexically_normal();
  auto path = fs::path{file_path};
  auto full = (path.is_absolute() ? path : base / path).lexically_normal();
  auto rel = full.lexically_relative(base);
  if (rel.empty() || rel == "." || *rel.begin() == "..") return std::nullopt;
  return full.string();
}

persistence::cleanup_repo::file_remover
store_remover(const io::media::directory_store& store) {
  return [&store](const std::string& key) {
    try {
      return store.remove(key) ? file_removal::removed : file_removal::missing;
    } catch (const std::invalid_argument&) {
      return file_removal::refused;
    } catch (const std::system_error&) {
      return file_removal::failed;
    }
  };
}

persistence::cleanup_repo::file_remover temp_file_remover(std::string root) {
  return [root = std::move(root)](const std::string& file_path) {
    auto path = deletable_path(root, file_path);
    if (!path || !parent_inside(root, *path)) return file_removal::refused;
    return unlink_file(*path);
  };
}

} // namespace switchboard::cleanup_jobs
