#include "actors/cron/cron_entry.hpp"

#include <chrono>
#include <date/date.h>

namespace switchboard::cron {

std::string unique_key(std::string_view entry, instant fire_time) {
  auto second = date::floor<std::chrono::seconds>(fire_time);
  return "cron-" + std::string{entry} + "-" + date::format("%FT%TZ", second);
}

} // namespace switchboard::cron
