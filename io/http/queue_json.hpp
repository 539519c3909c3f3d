#pragma once

// The bodies of the queue and job routes (docs/queues-api.md), as pure
// functions: jobs and queues to JSON, and request bodies and query strings
// to validated values. A value that does not validate becomes the error
// response to send: 400 for a wrong type or malformed value, 422 for a
// well-formed value that makes no sense; the message names the field
// ("jobs[3].priority must be an integer"), never echoes a payload.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "config/config.hpp"
#include "io/http/message.hpp"
#include "messages/queues.hpp"

namespace switchboard::http {

/// Most jobs one enqueue request may carry.
constexpr std::size_t max_enqueue_batch = 1000;

/// Lists: default and largest page.
constexpr std::size_t default_page_limit = 50;
constexpr std::size_t max_page_limit = 100;

/// POST /api/queues/{queue}/clean without older_than_ms: one day.
constexpr std::chrono::milliseconds default_clean_age{86'400'000};

/// One job as the API shows it.
nlohmann::json job_json(const job& x);

/// One queue: its figures and, when configured, its settings.
nlohmann::json queue_json(const queue_stats& stats,
                          const queue_settings* settings);

/// A validated POST /api/queues/{queue}/jobs.
struct enqueue_request {
  std::vector<new_job> jobs;
  /// The body was an array (the answer is a list too).
  bool batch = false;
};

/// The job a producer's fields are laid over: its queue, its kind and the
/// queue's defaults for that kind.
using job_base = std::function<new_job(const std::string& kind)>;

/// Reads one job object or an array of them.
std::variant<enqueue_request, response>
parse_enqueue(const nlohmann::json& body, const job_base& base);

/// A validated ?state=&limit=&cursor=.
struct page_request {
  /// Empty: every state.
  std::string state;
  std::size_t limit = default_page_limit;
  /// Empty: from the start.
  std::string after_id;
};

/// Reads the list query; a limit above max_page_limit is lowered to it.
std::variant<page_request, response> parse_page(const request& req);

/// The list answer for `fetched`, which holds up to limit + 1 jobs (one more
/// than the page, to know whether a next page exists).
nlohmann::json job_page_json(std::vector<job> fetched, std::size_t limit);

/// A validated POST /api/queues/{queue}/clean.
struct clean_request {
  std::string state;
  std::chrono::milliseconds older_than = default_clean_age;
};

std::variant<clean_request, response> parse_clean(const nlohmann::json& body);

} // namespace switchboard::http
