#pragma once

// One field of a cron expression, text to bit mask. Internal to parse_cron,
// which adds the expression to the message of a field_error.

#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace switchboard::cron::detail {

/// What one field accepts, and what messages call it.
struct field_spec {
  std::string_view name;
  int low;
  int high;
  /// Names of the values from `low` on (JAN = 1, SUN = 0), or none.
  const std::string_view* names = nullptr;
  int name_count = 0;
};

extern const field_spec second_field;
extern const field_spec minute_field;
extern const field_spec hour_field;
extern const field_spec day_of_month_field;
extern const field_spec month_field;
extern const field_spec day_of_week_field;

/// A field that does not parse; what() names the field and the bad token,
/// e.g. `minute 61 out of range 0-59`.
struct field_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// The values `text` selects, value v as bit v. Throws field_error.
std::uint64_t parse_field(std::string_view text, const field_spec& spec);

} // namespace switchboard::cron::detail
