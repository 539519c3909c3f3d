#pragma once

// The work of each cleanup kind, as one function of a database connection:
// the cleanup handler sends it to the database actor as one task. Files
// (media store, temporary files) are removed from the same task, between
// the repository's statements (persistence/cleanup_repo.hpp says in which
// order). Returns the job's result JSON, always with "type" and counts.

#include <memory>
#include <string>

#include "actors/queues/handlers/cleanup/cleanup_plan.hpp"
#include "io/media/directory_store.hpp"

namespace pqxx {
class connection_base;
} // namespace pqxx

namespace switchboard::cleanup_jobs {

struct cleanup_context {
  std::shared_ptr<const io::media::directory_store> store;
  /// Only temporary files under this directory are deleted.
  std::string temp_root;
};

/// Runs `plan`; blocking (a database connection's thread). Throws what the
/// repository throws.
std::string run_cleanup(pqxx::connection_base& conn, const cleanup_plan& plan,
                        const cleanup_context& ctx);

} // namespace switchboard::cleanup_jobs
