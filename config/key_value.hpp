#pragma once

// One value on its way into (or out of) a config field: what arrived from a
// source, the check against its key descriptor, and its rendering as TOML.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "config/key_table.hpp"

namespace switchboard {

/// A value a source gave us that no key can take (a table, an array, a
/// date), described for error messages ("an array").
struct unusable_value {
  std::string what;
};

/// A value as it arrived, before it is checked against its key.
using raw_value
    = std::variant<std::string, bool, int64_t, double, unusable_value>;

/// The value of an environment variable for `key`: numbers and booleans are
/// parsed when the text is one, and otherwise stay text (and fail the check).
raw_value from_text(const key_descriptor& key, const std::string& text);

/// Checks `value` against `key` and, when it fits, stores it in `cfg`.
/// Returns the problem ("expected ..., got ...") when it does not.
std::optional<std::string> store(const key_descriptor& key,
                                 const raw_value& value, config& cfg);

/// The current value of `key` in `cfg`.
raw_value read(const key_descriptor& key, const config& cfg);

/// `value` as a TOML literal: "text" with escapes, 42, 2.0, true.
std::string render(const raw_value& value);

} // namespace switchboard
