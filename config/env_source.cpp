#include "config/env_source.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "config/error_text.hpp"
#include "config/key_table.hpp"
#include "config/key_value.hpp"

namespace switchboard {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The key a variable would configure, for naming an unknown one.
std::string key_of(std::string_view var) {
  std::string result;
  auto rest = var.substr(env_prefix.size());
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest.compare(i, 2, "__") == 0) {
      result += '.';
      ++i;
    } else {
      result += static_cast<char>(
          std::tolower(static_cast<unsigned char>(rest[i])));
    }
  }
  return result;
}

const key_descriptor* find_by_env_name(std::string_view var) {
  const auto& table = key_table();
  auto i = std::find_if(table.begin(), table.end(), [var](const auto& key) {
    return env_name(key.name) == var;
  });
  return i == table.end() ? nullptr : &*i;
}

} // namespace

std::string env_name(std::string_view key) {
  std::string result{env_prefix};
  for (auto c : key) {
    if (c == '.')
      result += "__";
    else
      result += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return result;
}

void apply_environment(const environment& env, config& cfg,
                       origin_map& origins) {
  for (const auto& [var, text] : env) {
    if (!starts_with(var, env_prefix)) continue;
    auto key = find_by_env_name(var);
    if (key == nullptr)
      throw make_config_error(
          fmt::format("{}: unknown key {:?}", var, key_of(var)));
    if (auto problem = store(*key, from_text(*key, text), cfg))
      throw value_error(key->name, *problem, var);
    origins[key->name] = var;
  }
}

} // namespace switchboard
