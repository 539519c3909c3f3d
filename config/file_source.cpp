#include "config/file_source.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "config/error_text.hpp"
#include "config/key_value.hpp"

namespace switchboard {

namespace {

raw_value from_toml(const toml::node& node) {
  switch (node.type()) {
  case toml::node_type::string: return node.as_string()->get();
  case toml::node_type::integer: return node.as_integer()->get();
  case toml::node_type::floating_point: return node.as_floating_point()->get();
  case toml::node_type::boolean: return node.as_boolean()->get();
  case toml::node_type::table: return unusable_value{"a table"};
  case toml::node_type::array: return unusable_value{"an array"};
  case toml::node_type::date: return unusable_value{"a date"};
  case toml::node_type::time: return unusable_value{"a time"};
  default: return unusable_value{"a date-time"};
  }
}

std::string read_text(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    throw make_config_error(path + ": cannot read: is a directory");
  std::ifstream in{path, std::ios::binary};
  if (!in)
    throw make_config_error(path + ": cannot read: " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

toml::table parse(const std::string& path) {
  auto text = read_text(path);
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& err) {
    const auto& at = err.source().begin;
    throw make_config_error(fmt::format("{}:{}:{}: invalid TOML: {}", path,
                                        at.line, at.column, err.description()));
  }
}

// Walks the parsed file section by section, matching dotted paths against
// the key table.
struct file_walker {
  const std::string& path;
  config& cfg;
  origin_map& origins;

  std::string where(const toml::source_region& region) const {
    return fmt::format("{}:{}", path, region.begin.line);
  }

  void walk(const toml::table& table, const std::string& prefix) {
    for (auto&& [k, node] : table) {
      auto name = prefix.empty() ? std::string{k.str()}
                                 : fmt::format("{}.{}", prefix, k.str());
      if (auto key = find_key(name))
        apply(*key, node);
      else if (is_section(name))
        enter(name, node);
      else
        throw make_config_error(
            fmt::format("{}: unknown key {:?}", where(k.source()), name));
    }
  }

  void apply(const key_descriptor& key, const toml::node& node) {
    auto origin = where(node.source());
    if (auto problem = store(key, from_toml(node), cfg))
      throw value_error(key.name, *problem, origin);
    origins[key.name] = std::move(origin);
  }

  void enter(const std::string& section, const toml::node& node) {
    if (auto table = node.as_table()) return walk(*table, section);
    auto got = render(from_toml(node));
    throw value_error(section, "expected a table, got " + got,
                      where(node.source()));
  }
};

} // namespace

void apply_file(const std::string& path, config& cfg, origin_map& origins) {
  auto table = parse(path);
  file_walker{path, cfg, origins}.walk(table, "");
}

} // namespace switchboard
