#pragma once

// How the cleanup jobs remove files: stored media by key, temporary files
// by path but only inside their root directory (a row of temporary_files
// must not be able to delete /etc/passwd).

#include <optional>
#include <string>

#include "io/media/directory_store.hpp"
#include "persistence/cleanup_repo.hpp"

namespace switchboard::cleanup_jobs {

/// The path `file_path` stands for if it may be deleted: inside `root`
/// (relative paths are relative to it), after resolving "." and "..", and
/// not `root` itself. Pure (no file system access).
std::optional<std::string> deletable_path(const std::string& root,
                                          const std::string& file_path);

/// Removes keys from `store` (an invalid key is refused).
persistence::cleanup_repo::file_remover
store_remover(const io::media::directory_store& store);

/// Removes temporary files under `root` (see deletable_path; directories
/// are refused).
persistence::cleanup_repo::file_remover temp_file_remover(std::string root);

} // namespace switchboard::cleanup_jobs
