#include "persistence/cron_repo.hpp"

#include <pqxx/pqxx>

#include "persistence/jobs_row.hpp"

namespace switchboard::persistence::cron_repo {

std::vector<cron_firing> last_firings(pqxx::connection_base& conn) {
  pqxx::read_transaction tx{conn};
  std::vector<cron_firing> result;
  for (auto row : tx.exec("SELECT entry, sb_epoch_us(last_fired_at)"
                          " FROM cron_firings ORDER BY entry"))
    result.push_back(
        cron_firing{row[0].as<std::string>(),
                    jobs_detail::from_epoch_us(row[1].as<int64_t>())});
  return result;
}

void record(pqxx::connection_base& conn, const std::string& entry,
            caf::timestamp fired_at) {
  pqxx::work tx{conn};
  tx.exec_params("INSERT INTO cron_firings (entry, last_fired_at)"
                 " VALUES ($1, sb_from_epoch_us($2))"
                 " ON CONFLICT (entry) DO UPDATE"
                 " SET last_fired_at = EXCLUDED.last_fired_at,"
                 " updated_at = now()"
                 " WHERE cron_firings.last_fired_at < EXCLUDED.last_fired_at",
                 entry, jobs_detail::to_epoch_us(fired_at));
  tx.commit();
}

} // namespace switchboard::persistence::cron_repo
