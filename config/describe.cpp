#include "config/describe.hpp"

#include <fmt/format.h>

#include "config/key_table.hpp"
#include "config/key_value.hpp"
#include "config/secret_mask.hpp"

namespace switchboard {

namespace {

raw_value shown(const key_descriptor& key, const config& cfg) {
  auto value = read(key, cfg);
  auto text = std::get_if<std::string>(&value);
  if (text == nullptr || text->empty()) return value;
  switch (key.secret) {
  case secrecy::whole: return std::string{masked};
  case secrecy::url_password: return mask_password(*text);
  default: return value;
  }
}

std::string_view leaf_of(std::string_view key) {
  auto section = section_of(key);
  return section.empty() ? key : key.substr(section.size() + 1);
}

} // namespace

std::string describe(const config& cfg) {
  std::string result;
  std::string_view current_section;
  for (const auto& key : key_table()) {
    auto section = section_of(key.name);
    if (section != current_section) {
      fmt::format_to(std::back_inserter(result), "\n[{}]\n", section);
      current_section = section;
    }
    fmt::format_to(std::back_inserter(result), "{} = {}\n", leaf_of(key.name),
                   render(shown(key, cfg)));
  }
  return result;
}

} // namespace switchboard
