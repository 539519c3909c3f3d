#pragma once

// The one table of configuration keys. Parsing the file, parsing the
// environment, validation, describe() and the test that keeps
// switchboard.example.toml complete all iterate this table, so a key exists
// in exactly one place besides its struct field.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/config.hpp"

namespace switchboard {

/// The address of one field of a config, whatever its type.
using field_ref = std::variant<std::string*, bool*, uint16_t*, uint32_t*,
                               std::size_t*, double*>;

enum class key_kind { text, choice, flag, integer, real };

/// How describe() and error messages hide a value.
enum class secrecy { none, whole, url_password };

struct key_descriptor {
  /// The dotted key as written in the file, e.g. "http.port".
  std::string_view name;
  field_ref (*field)(config&) = nullptr;
  key_kind kind = key_kind::text;
  /// Inclusive bounds for integer keys.
  int64_t min_integer = 0;
  int64_t max_integer = 0;
  /// Inclusive bounds for real keys.
  double min_real = 0;
  double max_real = 0;
  /// The accepted values of a choice key.
  std::vector<std::string_view> choices;
  /// A text key that may not be empty.
  bool non_empty = false;
  secrecy secret = secrecy::none;
};

/// Two integer keys where `lower` may not exceed `upper` (a backoff base and
/// its cap).
struct key_ordering {
  std::string_view lower;
  std::string_view upper;
};

/// Every key, in the order of config.hpp; top-level keys come first, as
/// TOML requires before the first [section].
const std::vector<key_descriptor>& key_table();

/// Pairs of keys checked after all sources have been applied.
const std::vector<key_ordering>& key_orderings();

/// The descriptor of `name`, or nullptr when there is no such key.
const key_descriptor* find_key(std::string_view name);

/// The section of a key ("http" for "http.port", "" for "data_dir").
std::string_view section_of(std::string_view key);

/// Whether `name` is the section of at least one key.
bool is_section(std::string_view name);

} // namespace switchboard
