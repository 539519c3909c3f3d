#include "config/config_loader.hpp"

#include <fmt/format.h>

#include "config/env_source.hpp"
#include "config/error_text.hpp"
#include "config/file_source.hpp"
#include "config/key_table.hpp"
#include "config/key_value.hpp"

namespace switchboard {

namespace {

std::string origin_of(const origin_map& origins, std::string_view key) {
  auto i = origins.find(key);
  return i == origins.end() ? std::string{} : i->second;
}

int64_t integer_of(const config& cfg, std::string_view key) {
  return std::get<int64_t>(read(*find_key(key), cfg));
}

// Blames the key that was set explicitly: the upper one when both were, as
// raising it is the usual fix.
void check(const key_ordering& order, const config& cfg,
           const origin_map& origins) {
  auto lower = integer_of(cfg, order.lower);
  auto upper = integer_of(cfg, order.upper);
  if (lower <= upper) return;
  auto upper_origin = origin_of(origins, order.upper);
  if (!upper_origin.empty() || origin_of(origins, order.lower).empty())
    throw value_error(order.upper,
                      fmt::format("expected at least {} ({}), got {}",
                                  order.lower, lower, upper),
                      upper_origin);
  throw value_error(order.lower,
                    fmt::format("expected at most {} ({}), got {}", order.upper,
                                upper, lower),
                    origin_of(origins, order.lower));
}

} // namespace

config load_config(const std::string& file, const environment& env) {
  config result;
  origin_map origins;
  if (!file.empty()) apply_file(file, result, origins);
  apply_environment(env, result, origins);
  for (const auto& order : key_orderings())
    check(order, result, origins);
  return result;
}

} // namespace switchboard
