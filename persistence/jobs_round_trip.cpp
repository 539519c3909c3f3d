// One worker pool round trip in one transaction: with synchronous_commit
// every commit waits for a WAL flush, and recording outcomes and claiming in
// separate transactions paid it twice per trip. The completions and the
// claim are one call of sb_worker_trip (migration 0009): one network round
// trip, plans made once per session. A trip without failures or snoozes is
// that call alone, its own transaction.

#include <algorithm>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <sstream>

#include "persistence/jobs_repo.hpp"
#include "persistence/jobs_row.hpp"

namespace switchboard::persistence::jobs_repo {

namespace {

using namespace jobs_detail;

// Rows of sb_worker_trip: claimed jobs (done is NULL), then one row with the
// ids completed and the queue's next run_at.
const std::string trip_sql
    = std::string{"SELECT array_to_string(t.done, ','),"
                  " sb_epoch_us(t.next_run_at), "}
      + job_columns
      + " FROM sb_worker_trip($1, $2, $3::jsonb, $4, $5, $6) AS t"
        " CROSS JOIN LATERAL (SELECT (t.job).*) AS j";

// {"7": "<result as JSON text>" | null, ...}; ids that cannot name a job are
// left out.
std::string completions_json(const std::vector<job_completion>& items) {
  nlohmann::json batch = nlohmann::json::object();
  for (auto& item : items) {
    auto id = parse_id(item.id);
    if (!id) continue;
    batch[std::to_string(*id)] = item.result.empty()
                                     ? nlohmann::json(nullptr)
                                     : nlohmann::json(item.result);
  }
  return batch.dump();
}

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> ids;
  std::istringstream in{text};
  for (std::string id; std::getline(in, id, ',');)
    ids.push_back(id);
  return ids;
}

// RETURNING has no order of its own; workers get the claim order.
void sort_in_claim_order(std::vector<job>& jobs) {
  std::sort(jobs.begin(), jobs.end(), [](const job& x, const job& y) {
    if (x.priority != y.priority) return x.priority > y.priority;
    if (x.run_at != y.run_at) return x.run_at < y.run_at;
    return std::stoll(x.id) < std::stoll(y.id);
  });
}

} // namespace

trip_answer trip_in(pqxx::transaction_base& tx, const std::string& queue,
                    const std::string& worker,
                    const std::vector<job_completion>& completions,
                    size_t limit, std::chrono::milliseconds lock,
                    std::chrono::milliseconds ahead) {
  if (worker.empty()) throw std::invalid_argument("a trip without a worker");
  auto rows
      = tx.exec_params(trip_sql, queue, worker, completions_json(completions),
                       limit, lock.count(), ahead.count());
  trip_answer answer;
  for (auto row : rows) {
    if (row[0].is_null()) {
      answer.claimed.push_back(to_job(row, 2));
      continue;
    }
    answer.completed = split_ids(row[0].as<std::string>());
    if (!row[1].is_null())
      answer.next_run_at = from_epoch_us(row[1].as<int64_t>());
  }
  sort_in_claim_order(answer.claimed);
  return answer;
}

trip_answer worker_round_trip(pqxx::connection_base& conn,
                              const trip_request& request) {
  auto trip = [&](pqxx::transaction_base& tx) {
    return trip_in(tx, request.queue, request.worker, request.completions,
                   request.claim_limit, request.lock, request.claim_ahead);
  };
  if (request.records.empty()) {
    // One statement is its own transaction: no BEGIN and COMMIT to send.
    pqxx::nontransaction tx{conn};
    return trip(tx);
  }
  pqxx::work tx{conn};
  std::vector<std::optional<std::string>> recorded;
  recorded.reserve(request.records.size());
  for (auto& x : request.records) {
    if (x.snooze) {
      if (snooze_for_in(tx, request.worker, x.id, x.wait))
        recorded.emplace_back(x.wait.count() > 0 ? "delayed" : "waiting");
      else
        recorded.emplace_back(std::nullopt);
    } else {
      auto after = fail_after_in(tx, request.worker, x.id, x.error, x.retry_in);
      recorded.emplace_back(after ? std::optional{after->state} : std::nullopt);
    }
  }
  auto answer = trip(tx);
  tx.commit();
  answer.recorded = std::move(recorded);
  return answer;
}

} // namespace switchboard::persistence::jobs_repo
