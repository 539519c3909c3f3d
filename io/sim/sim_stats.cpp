#include "io/sim/sim_stats.hpp"

namespace switchboard::sim {

account_counters stats_snapshot::account(const std::string& id) const {
  auto i = accounts.find(id);
  return i == accounts.end() ? account_counters{} : i->second;
}

} // namespace switchboard::sim
