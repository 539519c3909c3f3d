#pragma once

// The blocking half of a media attempt, and how its result travels to the
// actor half (media_handler.cpp) inside a job_outcome.

#include <optional>
#include <string>

#include "config/config.hpp"
#include "io/media/directory_store.hpp"
#include "messages/queues.hpp"
#include "persistence/media_repo.hpp"

namespace switchboard::media_jobs {

/// Processes the job's media: completed with the result JSON
/// ({"media_url", "thumbnail_url", "metadata"}), failed for good or retry.
/// Blocking; never throws.
job_outcome run_media_work(const job& x, const media_settings& settings,
                           const io::media::directory_store& store);

/// The row update a completed result asks for; std::nullopt for a result
/// that is not one of run_media_work's. Pure.
std::optional<persistence::media_repo::media_update>
update_of(const job& x, const std::string& result_json);

} // namespace switchboard::media_jobs
