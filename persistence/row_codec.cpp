#include "persistence/row_codec.hpp"

#include <cctype>
#include <chrono>
#include <pqxx/pqxx>

namespace switchboard::persistence {

int64_t to_epoch_us(caf::timestamp t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             t.time_since_epoch())
      .count();
}

caf::timestamp from_epoch_us(int64_t us) {
  return caf::timestamp{
      std::chrono::duration_cast<caf::timespan>(std::chrono::microseconds{us})};
}

std::string text_of(const pqxx::field& f) {
  return f.is_null() ? std::string{} : f.as<std::string>();
}

caf::optional<caf::timestamp> maybe_time(const pqxx::field& f) {
  if (f.is_null()) return caf::none;
  return from_epoch_us(f.as<int64_t>());
}

std::optional<int64_t> parse_id(const std::string& id) {
  // Up to 18 digits always fits a bigint; bigserial ids never get longer.
  if (id.empty() || id.size() > 18) return std::nullopt;
  for (auto c : id)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  return std::stoll(id);
}

} // namespace switchboard::persistence
