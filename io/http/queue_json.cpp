#include "io/http/queue_json.hpp"

#include <algorithm>
#include <cctype>
#include <limits>
#include <set>

#include "io/rfc3339.hpp"

namespace switchboard::http {

namespace {

using jvalue = nlohmann::json;

jvalue time_json(caf::timestamp t) {
  return io::format_rfc3339_ms(t);
}

jvalue time_json(const caf::optional<caf::timestamp>& t) {
  return t ? time_json(*t) : jvalue(nullptr);
}

jvalue text_or_null(const std::string& x) {
  return x.empty() ? jvalue(nullptr) : jvalue(x);
}

// Stored JSON text back to JSON; text that is not JSON (never written by
// us) is shown as a string rather than failing the whole answer.
jvalue json_or_null(const std::string& x) {
  if (x.empty()) return nullptr;
  auto parsed = jvalue::parse(x, nullptr, false);
  return parsed.is_discarded() ? jvalue(x) : parsed;
}

jvalue backoff_json(const job_backoff& x) {
  return {{"type", x.type}, {"delay_ms", x.delay_ms}, {"jitter", x.jitter}};
}

/// A field that does not validate: the status and the message to send.
struct invalid {
  int status;
  std::string message;
};

[[noreturn]] void fail(int status, std::string message) {
  throw invalid{status, std::move(message)};
}

response to_response(const invalid& x) {
  return error(x.status, x.status == 400 ? "invalid_request" : "invalid_value",
               x.message);
}

int64_t integer(const jvalue& v, const std::string& name, int64_t low,
                int64_t high) {
  if (!v.is_number_integer()) fail(400, name + " must be an integer");
  // Large unsigned values do not fit int64_t: they are out of range too.
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(high))
    fail(422, name + " must be at most " + std::to_string(high));
  auto x = v.get<int64_t>();
  if (x < low) fail(422, name + " must be at least " + std::to_string(low));
  if (x > high) fail(422, name + " must be at most " + std::to_string(high));
  return x;
}

std::string text(const jvalue& v, const std::string& name) {
  if (!v.is_string()) fail(400, name + " must be a string");
  auto x = v.get<std::string>();
  if (x.empty()) fail(422, name + " must not be empty");
  return x;
}

constexpr int64_t int32_max = std::numeric_limits<int32_t>::max();
constexpr int64_t int32_min = std::numeric_limits<int32_t>::min();
constexpr int64_t int64_max = std::numeric_limits<int64_t>::max();
// Delays and timeouts beyond 10 years are mistakes, not schedules.
constexpr int64_t max_ms = int64_t{10} * 365 * 24 * 3600 * 1000;
constexpr std::size_t max_unique_key = 200;
constexpr int64_t max_attempts_limit = 1000;

void read_backoff(const jvalue& v, const std::string& name, job_backoff& x) {
  if (!v.is_object()) fail(400, name + " must be an object");
  for (auto& [key, value] : v.items()) {
    auto field = name + "." + key;
    if (key == "type") {
      x.type = text(value, field);
      if (x.type != "fixed" && x.type != "exponential")
        fail(422, field + " must be fixed or exponential");
    } else if (key == "delay_ms") {
      x.delay_ms = integer(value, field, 0, max_ms);
    } else if (key == "jitter") {
      if (!value.is_boolean()) fail(400, field + " must be true or false");
      x.jitter = value.get<bool>();
    } else {
      fail(400, field + " is not a field of a backoff");
    }
  }
}

std::optional<caf::timestamp> read_time(const jvalue& v,
                                        const std::string& name) {
  if (!v.is_string()) fail(400, name + " must be an RFC 3339 time string");
  auto t = io::parse_rfc3339(v.get<std::string>());
  if (!t) fail(400, name + " must be an RFC 3339 time string");
  return caf::timestamp{*t};
}

void read_field(const std::string& key, const jvalue& value,
                const std::string& name, new_job& x) {
  if (key == "payload") {
    x.payload = value.dump();
  } else if (key == "priority") {
    x.priority
        = static_cast<int32_t>(integer(value, name, int32_min, int32_max));
  } else if (key == "delay_ms") {
    x.delay_ms = integer(value, name, 0, max_ms);
  } else if (key == "run_at") {
    x.run_at = *read_time(value, name);
  } else if (key == "unique_key") {
    x.unique_key = text(value, name);
    if (x.unique_key.size() > max_unique_key)
      fail(422, name + " must be at most " + std::to_string(max_unique_key)
                    + " bytes");
  } else if (key == "max_attempts") {
    x.max_attempts
        = static_cast<int32_t>(integer(value, name, 1, max_attempts_limit));
  } else if (key == "backoff") {
    read_backoff(value, name, x.backoff);
  } else if (key == "timeout_ms") {
    x.timeout_ms = integer(value, name, 0, max_ms);
  } else if (key != "kind") {
    fail(400, name + " is not a field of a job");
  }
}

new_job read_job(const jvalue& v, const std::string& prefix,
                 const job_base& base) {
  auto name = [&](const std::string& key) {
    return prefix.empty() ? key : prefix + "." + key;
  };
  if (!v.is_object())
    fail(400, (prefix.empty() ? std::string{"the body"} : prefix)
                  + " must be a job object");
  auto kind = v.find("kind");
  if (kind == v.end()) fail(400, name("kind") + " is required");
  auto x = base(text(*kind, name("kind")));
  for (auto& [key, value] : v.items())
    read_field(key, value, name(key), x);
  if (v.contains("delay_ms") && v.contains("run_at"))
    fail(422,
         name("delay_ms") + " and " + name("run_at") + " exclude each other");
  return x;
}

enqueue_request read_enqueue(const jvalue& body, const job_base& base) {
  enqueue_request result;
  if (!body.is_array()) {
    result.jobs.push_back(read_job(body, {}, base));
    return result;
  }
  result.batch = true;
  if (body.empty()) fail(422, "the array holds no jobs");
  if (body.size() > max_enqueue_batch)
    fail(422,
         "at most " + std::to_string(max_enqueue_batch) + " jobs per request");
  for (std::size_t i = 0; i < body.size(); ++i)
    result.jobs.push_back(
        read_job(body[i], "jobs[" + std::to_string(i) + "]", base));
  return result;
}

bool is_digits(const std::string& x) {
  return !x.empty() && x.size() <= 18
         && std::all_of(x.begin(), x.end(), [](unsigned char c) {
              return std::isdigit(c) != 0;
            });
}

const std::set<std::string> job_states{"waiting",   "delayed", "active",
                                       "completed", "failed",  "dead"};

} // namespace

jvalue job_json(const job& x) {
  return {
      {"id", x.id},
      {"queue", x.queue},
      {"kind", x.kind},
      {"payload", json_or_null(x.payload)},
      {"priority", x.priority},
      {"state", x.state},
      {"attempts", x.attempts},
      {"max_attempts", x.max_attempts},
      {"backoff", backoff_json(x.backoff)},
      {"timeout_ms", x.timeout_ms},
      {"run_at", time_json(x.run_at)},
      {"unique_key", text_or_null(x.unique_key)},
      {"locked_by", text_or_null(x.locked_by)},
      {"locked_until", time_json(x.locked_until)},
      {"last_error", text_or_null(x.last_error)},
      {"progress", json_or_null(x.progress)},
      {"result", json_or_null(x.result)},
      {"created_at", time_json(x.created_at)},
      {"started_at", time_json(x.started_at)},
      {"finished_at", time_json(x.finished_at)},
      {"updated_at", time_json(x.updated_at)},
  };
}

jvalue queue_json(const queue_stats& stats, const queue_settings* settings) {
  jvalue result{
      {"name", stats.queue},
      {"paused", stats.paused},
      {"waiting", stats.waiting},
      {"active", stats.active},
      {"completed", stats.completed},
      {"failed", stats.failed},
      {"delayed", stats.delayed},
      {"dead", stats.dead},
      {"p50_ms", stats.p50_ms},
      {"p95_ms", stats.p95_ms},
      {"success_rate", stats.success_rate},
      {"settings", nullptr},
  };
  if (settings)
    result["settings"] = {
        {"enabled", settings->enabled},
        {"concurrency", settings->concurrency},
        {"timeout_ms", settings->timeout_ms},
        {"max_attempts", settings->max_attempts},
        {"backoff",
         {{"type", settings->backoff},
          {"delay_ms", settings->backoff_delay_ms},
          {"jitter", settings->backoff_jitter}}},
    };
  return result;
}

std::variant<enqueue_request, response> parse_enqueue(const jvalue& body,
                                                      const job_base& base) {
  try {
    return read_enqueue(body, base);
  } catch (const invalid& x) {
    return to_response(x);
  }
}

std::variant<page_request, response> parse_page(const request& req) {
  page_request result;
  if (auto i = req.query.find("state"); i != req.query.end()) {
    if (!job_states.count(i->second))
      return error(400, "invalid_request",
                   "state must be one of waiting, delayed, active, "
                   "completed, failed, dead");
    result.state = i->second;
  }
  if (auto i = req.query.find("limit"); i != req.query.end()) {
    if (!is_digits(i->second) || std::stoll(i->second) < 1)
      return error(400, "invalid_request", "limit must be a positive integer");
    result.limit
        = std::min<std::size_t>(std::stoull(i->second), max_page_limit);
  }
  if (auto i = req.query.find("cursor"); i != req.query.end()) {
    // The cursor is the last id of the previous page; clients treat it as
    // opaque.
    if (!is_digits(i->second))
      return error(400, "invalid_request", "cursor is not a valid cursor");
    result.after_id = i->second;
  }
  return result;
}

jvalue job_page_json(std::vector<job> fetched, std::size_t limit) {
  jvalue next = nullptr;
  if (fetched.size() > limit) {
    fetched.resize(limit);
    next = fetched.back().id;
  }
  auto items = jvalue::array();
  for (const auto& x : fetched)
    items.push_back(job_json(x));
  return {{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

std::variant<clean_request, response> parse_clean(const jvalue& body) {
  try {
    if (!body.is_object()) fail(400, "the body must be an object");
    clean_request result;
    auto state = body.find("state");
    if (state == body.end()) fail(400, "state is required");
    result.state = text(*state, "state");
    if (!job_states.count(result.state))
      fail(422, "state must be one of waiting, delayed, completed, failed, "
                "dead");
    if (result.state == "active")
      fail(422, "active jobs belong to their workers and cannot be cleaned");
    for (auto& [key, value] : body.items()) {
      if (key == "older_than_ms")
        result.older_than
            = std::chrono::milliseconds{integer(value, key, 0, int64_max)};
      else if (key != "state")
        fail(400, key + " is not a field of a clean request");
    }
    return result;
  } catch (const invalid& x) {
    return to_response(x);
  }
}

} // namespace switchboard::http
