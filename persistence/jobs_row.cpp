#include "persistence/jobs_row.hpp"

#include <array>
#include <cctype>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string_view>

#include "persistence/jobs_repo.hpp"

namespace switchboard::persistence {

namespace jobs_detail {

// Times cross as microseconds since the epoch, the precision of timestamptz.
const char* const job_columns
    = "j.id::text, j.queue, j.kind, j.payload::text, j.priority, j.state,"
      " j.attempts, j.max_attempts, j.backoff->>'type',"
      " (j.backoff->>'delay_ms')::bigint, (j.backoff->>'jitter')::boolean,"
      " j.timeout_ms, sb_epoch_us(j.run_at), j.unique_key, j.locked_by,"
      " sb_epoch_us(j.locked_until), j.last_error, j.progress::text,"
      " j.result::text, sb_epoch_us(j.created_at), sb_epoch_us(j.started_at),"
      " sb_epoch_us(j.finished_at), sb_epoch_us(j.updated_at)";

job to_job(const pqxx::row& row, size_t first) {
  auto at = [&](size_t i) {
    return row[static_cast<int>(first + i)];
  };
  job x;
  x.id = at(0).as<std::string>();
  x.queue = at(1).as<std::string>();
  x.kind = at(2).as<std::string>();
  x.payload = at(3).as<std::string>();
  x.priority = at(4).as<int32_t>();
  x.state = at(5).as<std::string>();
  x.attempts = at(6).as<int32_t>();
  x.max_attempts = at(7).as<int32_t>();
  x.backoff.type = text_of(at(8));
  x.backoff.delay_ms = at(9).is_null() ? 0 : at(9).as<int64_t>();
  x.backoff.jitter = at(10).is_null() ? false : at(10).as<bool>();
  x.timeout_ms = at(11).as<int64_t>();
  x.run_at = from_epoch_us(at(12).as<int64_t>());
  x.unique_key = text_of(at(13));
  x.locked_by = text_of(at(14));
  x.locked_until = maybe_time(at(15));
  x.last_error = text_of(at(16));
  x.progress = text_of(at(17));
  x.result = text_of(at(18));
  x.created_at = from_epoch_us(at(19).as<int64_t>());
  x.started_at = maybe_time(at(20));
  x.finished_at = maybe_time(at(21));
  x.updated_at = from_epoch_us(at(22).as<int64_t>());
  return x;
}

std::string id_array(const std::vector<std::string>& ids) {
  std::string out = "{";
  for (auto& id : ids) {
    auto n = parse_id(id);
    if (!n) continue;
    if (out.size() > 1) out += ',';
    out += std::to_string(*n);
  }
  out += '}';
  return out;
}

void require_state(const std::string& state) {
  if (!jobs_repo::is_job_state(state))
    throw std::invalid_argument("unknown job state: " + state);
}

} // namespace jobs_detail

namespace jobs_repo {

bool is_job_state(std::string_view state) {
  static constexpr std::array<std::string_view, 6> all{
      "waiting", "delayed", "active", "completed", "failed", "dead"};
  for (auto s : all)
    if (s == state) return true;
  return false;
}

} // namespace jobs_repo

} // namespace switchboard::persistence
