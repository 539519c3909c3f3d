// One worker pool round trip in one transaction: with synchronous_commit
// every commit waits for a WAL flush, and the flush, not the statements,
// bounds a pool's rate; recording outcomes and claiming in separate
// transactions paid it twice per trip.

#include <pqxx/pqxx>

#include "persistence/jobs_repo.hpp"

namespace switchboard::persistence::jobs_repo {

trip_answer worker_round_trip(pqxx::connection_base& conn,
                              const trip_request& request) {
  trip_answer answer;
  pqxx::work tx{conn};
  // Outcomes first, so their slots are free for the claim of the same trip.
  answer.completed = complete_in(tx, request.worker, request.completions);
  answer.recorded.reserve(request.records.size());
  for (auto& x : request.records) {
    if (x.snooze) {
      if (snooze_for_in(tx, request.worker, x.id, x.wait))
        answer.recorded.emplace_back(x.wait.count() > 0 ? "delayed"
                                                        : "waiting");
      else
        answer.recorded.emplace_back(std::nullopt);
    } else {
      auto after = fail_after_in(tx, request.worker, x.id, x.error, x.retry_in);
      answer.recorded.emplace_back(after ? std::optional{after->state}
                                         : std::nullopt);
    }
  }
  if (request.claim_limit > 0) {
    answer.claimed
        = claim_in(tx, request.queue, request.worker, request.claim_limit,
                   request.lock, request.claim_ahead);
    if (answer.claimed.size() < request.claim_limit)
      answer.next_run_at = next_run_at_in(tx, request.queue);
  }
  tx.commit();
  return answer;
}

} // namespace switchboard::persistence::jobs_repo
