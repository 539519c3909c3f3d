#include "actors/polling/first_poll_policy.hpp"

#include <functional>

namespace switchboard::polling {

std::chrono::milliseconds spread_offset(std::string_view account_id,
                                        std::chrono::milliseconds interval) {
  if (interval.count() <= 0) return std::chrono::milliseconds{0};
  // libstdc++'s string hash (MurmurHash2) is the same in every process of
  // a build, which is all a deterministic slot needs.
  auto h = std::hash<std::string_view>{}(account_id);
  return std::chrono::milliseconds{
      static_cast<int64_t>(h % static_cast<uint64_t>(interval.count()))};
}

caf::timestamp first_poll_at(std::string_view account_id,
                             std::chrono::milliseconds interval,
                             const caf::optional<caf::timestamp>& stored_next,
                             caf::timestamp now) {
  if (stored_next && *stored_next > now) return *stored_next;
  return now + spread_offset(account_id, interval);
}

} // namespace switchboard::polling
