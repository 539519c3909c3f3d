#include "actors/cron/cron_expression.hpp"

#include <cctype>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <caf/error.hpp>

#include "actors/cron/cron_field.hpp"
#include "messages/error.hpp"

namespace switchboard::cron {

namespace {

using detail::field_spec;
using detail::parse_field;

struct macro {
  std::string_view name;
  std::string_view expansion;
};

constexpr macro macros[] = {
    {"@yearly", "0 0 1 1 *"},  {"@annually", "0 0 1 1 *"},
    {"@monthly", "0 0 1 * *"}, {"@weekly", "0 0 * * 0"},
    {"@daily", "0 0 * * *"},   {"@midnight", "0 0 * * *"},
    {"@hourly", "0 * * * *"},
};

/// Thrown inside this file only, caught by parse_cron.
struct expression_error : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    auto start = i;
    while (i < text.size()
           && !std::isspace(static_cast<unsigned char>(text[i])))
      ++i;
    fields.push_back(text.substr(start, i - start));
  }
  return fields;
}

std::string lower(std::string_view s) {
  std::string out{s};
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view expand_macro(std::string_view token) {
  auto name = lower(token);
  for (const auto& m : macros)
    if (m.name == name) return m.expansion;
  throw expression_error("unknown macro \"" + std::string{token}
                         + "\" (expected @yearly, @annually, @monthly, "
                           "@weekly, @daily, @midnight or @hourly)");
}

template <size_t N>
std::bitset<N> field_bits(std::string_view text, const field_spec& spec) {
  return std::bitset<N>{parse_field(text, spec)};
}

bool starts_with_star(std::string_view field) {
  return !field.empty() && field.front() == '*';
}

/// Day-of-week 7 is Sunday, like 0.
std::bitset<7> weekday_bits(std::string_view text) {
  auto bits = parse_field(text, detail::day_of_week_field);
  if (bits & (std::uint64_t{1} << 7)) bits |= 1;
  return std::bitset<7>{bits & 0x7f};
}

/// Five fields, or six with seconds first.
cron_expression from_fields(const std::vector<std::string_view>& f) {
  if (f.size() != 5 && f.size() != 6)
    throw expression_error("expected 5 or 6 fields, got "
                           + std::to_string(f.size()));
  auto i = f.size() - 5;
  cron_expression e;
  e.seconds = i == 1 ? field_bits<60>(f[0], detail::second_field)
                     : std::bitset<60>{1};
  e.minutes = field_bits<60>(f[i], detail::minute_field);
  e.hours = field_bits<24>(f[i + 1], detail::hour_field);
  e.days_of_month = field_bits<32>(f[i + 2], detail::day_of_month_field);
  e.months = field_bits<13>(f[i + 3], detail::month_field);
  e.days_of_week = weekday_bits(f[i + 4]);
  e.day_of_month_star = starts_with_star(f[i + 2]);
  e.day_of_week_star = starts_with_star(f[i + 4]);
  e.wildcard_time = starts_with_star(f[i]) || starts_with_star(f[i + 1])
                    || (i == 1 && starts_with_star(f[0]));
  return e;
}

cron_expression parse_or_throw(std::string_view text) {
  auto fields = split_fields(text);
  if (fields.empty()) throw expression_error("empty expression");
  if (fields.size() == 1 && fields[0].front() == '@') {
    if (lower(fields[0]) == "@reboot")
      throw expression_error("@reboot is not supported (it has no firing "
                             "time)");
    return from_fields(split_fields(expand_macro(fields[0])));
  }
  return from_fields(fields);
}

} // namespace

bool operator==(const cron_expression& x, const cron_expression& y) {
  return x.seconds == y.seconds && x.minutes == y.minutes && x.hours == y.hours
         && x.days_of_month == y.days_of_month && x.months == y.months
         && x.days_of_week == y.days_of_week
         && x.day_of_month_star == y.day_of_month_star
         && x.day_of_week_star == y.day_of_week_star
         && x.wildcard_time == y.wildcard_time;
}

bool operator!=(const cron_expression& x, const cron_expression& y) {
  return !(x == y);
}

caf::expected<cron_expression> parse_cron(std::string_view text) {
  try {
    return parse_or_throw(text);
  } catch (const std::invalid_argument& ex) {
    // field_error and expression_error alike: one message for the author.
    return caf::make_error(errc::invalid_argument,
                           "cron: \"" + std::string{text} + "\": " + ex.what());
  }
}

bool day_matches(const cron_expression& e, unsigned day_of_month,
                 unsigned month, unsigned weekday) {
  if (!e.months[month]) return false;
  auto dom = e.days_of_month[day_of_month];
  auto dow = e.days_of_week[weekday];
  if (e.day_of_month_star || e.day_of_week_star) return dom && dow;
  return dom || dow;
}

} // namespace switchboard::cron
