#include "actors/cron/cron_field.hpp"

#include <cctype>
#include <charconv>
#include <climits>
#include <optional>
#include <string>

namespace switchboard::cron::detail {

namespace {

constexpr std::string_view month_names[]
    = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::string_view weekday_names[]
    = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

/// The values one element (between commas) selects: first, first + step, ...
/// up to last.
struct element_range {
  int first;
  int last;
  int step;
};

[[noreturn]] void fail(const field_spec& f, const std::string& detail) {
  throw field_error(std::string{f.name} + " " + detail);
}

std::string quoted(std::string_view s) {
  return "\"" + std::string{s} + "\"";
}

std::string span_text(int low, int high) {
  return std::to_string(low) + "-" + std::to_string(high);
}

bool iequals(std::string_view x, std::string_view y) {
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(x[i])) != y[i]) return false;
  return true;
}

std::optional<int> name_value(std::string_view token, const field_spec& f) {
  for (int i = 0; i < f.name_count; ++i)
    if (iequals(token, f.names[i])) return f.low + i;
  return std::nullopt;
}

/// The digits of `token` as a number, or nullopt when it is not all digits
/// (a sign is not a digit: "-5" never gets here as a number).
std::optional<long long> digits_value(std::string_view token) {
  if (token.empty() || !std::isdigit(static_cast<unsigned char>(token[0])))
    return std::nullopt;
  long long value = 0;
  auto end = token.data() + token.size();
  auto [ptr, ec] = std::from_chars(token.data(), end, value);
  if (ptr != end) return std::nullopt;
  // Too many digits for a long long is out of range like any large number.
  return ec == std::errc{} ? value : LLONG_MAX;
}

std::string not_a_value_text(std::string_view token, const field_spec& f) {
  if (f.name_count == 0) return quoted(token) + " is not a number";
  return quoted(token) + " is not a number or a name ("
         + std::string{f.names[0]} + "-"
         + std::string{f.names[f.name_count - 1]} + ")";
}

int parse_value(std::string_view token, const field_spec& f) {
  auto number = digits_value(token);
  if (!number) {
    if (auto named = name_value(token, f)) return *named;
    fail(f, not_a_value_text(token, f));
  }
  if (*number < f.low || *number > f.high)
    fail(f, std::string{token} + " out of range " + span_text(f.low, f.high));
  return static_cast<int>(*number);
}

/// A step selects every n-th value; a step as wide as the field selects
/// only the start, which is never what the author meant.
int parse_step(std::string_view token, const field_spec& f) {
  auto number = digits_value(token);
  if (!number) fail(f, "step " + quoted(token) + " is not a number");
  if (*number < 1 || *number > f.high - f.low)
    fail(f, "step " + std::string{token} + " out of range "
                + span_text(1, f.high - f.low));
  return static_cast<int>(*number);
}

/// `*`, `a` or `a-b`; a lone `a` with a step runs to the field's end.
element_range parse_base(std::string_view base, bool stepped,
                         const field_spec& f) {
  if (base == "*") return {f.low, f.high, 1};
  auto dash = base.find('-');
  if (dash == std::string_view::npos) {
    auto v = parse_value(base, f);
    return {v, stepped ? f.high : v, 1};
  }
  auto first = parse_value(base.substr(0, dash), f);
  auto last = parse_value(base.substr(dash + 1), f);
  if (first > last)
    fail(f, "range " + std::string{base} + " is reversed (start after end)");
  return {first, last, 1};
}

bool incomplete(std::string_view element) {
  auto slash = element.find('/');
  auto base = element.substr(0, slash);
  return base.empty() || base.front() == '-' || base.back() == '-'
         || (slash != std::string_view::npos && slash + 1 == element.size());
}

element_range parse_element(std::string_view element, const field_spec& f) {
  if (incomplete(element)) fail(f, quoted(element) + " is incomplete");
  auto slash = element.find('/');
  if (slash == std::string_view::npos) return parse_base(element, false, f);
  auto step_text = element.substr(slash + 1);
  if (step_text.find('/') != std::string_view::npos)
    fail(f, quoted(element) + " has more than one step");
  auto range = parse_base(element.substr(0, slash), true, f);
  range.step = parse_step(step_text, f);
  return range;
}

std::uint64_t bits_of(element_range r) {
  std::uint64_t bits = 0;
  for (auto v = r.first; v <= r.last; v += r.step)
    bits |= std::uint64_t{1} << v;
  return bits;
}

} // namespace

const field_spec second_field{"second", 0, 59};
const field_spec minute_field{"minute", 0, 59};
const field_spec hour_field{"hour", 0, 23};
const field_spec day_of_month_field{"day-of-month", 1, 31};
const field_spec month_field{"month", 1, 12, month_names, 12};
const field_spec day_of_week_field{"day-of-week", 0, 7, weekday_names, 7};

std::uint64_t parse_field(std::string_view text, const field_spec& spec) {
  std::uint64_t bits = 0;
  for (size_t start = 0;;) {
    auto comma = text.find(',', start);
    auto element = text.substr(start, comma - start);
    if (element.empty())
      fail(spec, "has an empty list element in " + quoted(text));
    bits |= bits_of(parse_element(element, spec));
    if (comma == std::string_view::npos) return bits;
    start = comma + 1;
  }
}

} // namespace switchboard::cron::detail
