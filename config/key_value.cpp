#include "config/key_value.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

namespace switchboard {

namespace {

// -- what a key expects ------------------------------------------------------

std::string join(const std::vector<std::string_view>& words) {
  return fmt::format("{}", fmt::join(words, ", "));
}

std::string expectation(const key_descriptor& key) {
  switch (key.kind) {
  case key_kind::text:
    return key.non_empty ? "expected a non-empty string" : "expected a string";
  case key_kind::choice: return "expected one of " + join(key.choices);
  case key_kind::flag: return "expected true or false";
  case key_kind::integer:
    return fmt::format("expected an integer from {} to {}", key.min_integer,
                       key.max_integer);
  case key_kind::real:
    return fmt::format("expected a number from {} to {}", key.min_real,
                       key.max_real);
  }
  return "expected a value";
}

std::string type_name(const raw_value& value) {
  struct visitor {
    std::string operator()(const std::string&) const {
      return "a string";
    }
    std::string operator()(bool) const {
      return "a boolean";
    }
    std::string operator()(int64_t) const {
      return "an integer";
    }
    std::string operator()(double) const {
      return "a number";
    }
    std::string operator()(const unusable_value& x) const {
      return x.what;
    }
  };
  return std::visit(visitor{}, value);
}

// A secret is never echoed, not even when it has the wrong type.
std::string problem(const key_descriptor& key, const raw_value& value) {
  auto got = key.secret == secrecy::none ? render(value) : type_name(value);
  return expectation(key) + ", got " + got;
}

// -- checking a value against its key ---------------------------------------

struct fit_check {
  const key_descriptor& key;

  bool operator()(const std::string& x) const {
    if (key.kind == key_kind::choice)
      return std::find(key.choices.begin(), key.choices.end(), x)
             != key.choices.end();
    return key.kind == key_kind::text && (!key.non_empty || !x.empty());
  }
  bool operator()(bool) const {
    return key.kind == key_kind::flag;
  }
  bool operator()(int64_t x) const {
    if (key.kind == key_kind::real) return (*this)(static_cast<double>(x));
    return key.kind == key_kind::integer && x >= key.min_integer
           && x <= key.max_integer;
  }
  bool operator()(double x) const {
    // Written so that NaN fails.
    return key.kind == key_kind::real && x >= key.min_real && x <= key.max_real;
  }
  bool operator()(const unusable_value&) const {
    return false;
  }
};

// Stores a value that passed fit_check; integers were range-checked against
// bounds that the key table test proves to fit the field type.
struct writer {
  const raw_value& value;
  void operator()(std::string* field) const {
    *field = std::get<std::string>(value);
  }
  void operator()(bool* field) const {
    *field = std::get<bool>(value);
  }
  void operator()(double* field) const {
    auto x = std::get_if<int64_t>(&value);
    *field = x ? static_cast<double>(*x) : std::get<double>(value);
  }
  template <class Integer>
  void operator()(Integer* field) const {
    *field = static_cast<Integer>(std::get<int64_t>(value));
  }
};

struct reader {
  raw_value operator()(std::string* field) const {
    return *field;
  }
  raw_value operator()(bool* field) const {
    return *field;
  }
  raw_value operator()(double* field) const {
    return *field;
  }
  template <class Integer>
  raw_value operator()(Integer* field) const {
    return static_cast<int64_t>(*field);
  }
};

// -- parsing environment text -----------------------------------------------

std::optional<int64_t> parse_integer(const std::string& text) {
  int64_t result = 0;
  auto end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, result);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return result;
}

std::optional<double> parse_real(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  auto result = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return result;
}

std::optional<bool> parse_flag(const std::string& text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return std::nullopt;
}

template <class T>
raw_value or_text(std::optional<T> parsed, const std::string& text) {
  if (parsed) return *parsed;
  return text;
}

std::string render_real(double x) {
  auto result = fmt::format("{}", x);
  // TOML needs a fraction or exponent to read the number back as a float.
  if (std::isfinite(x) && result.find_first_of(".e") == std::string::npos)
    result += ".0";
  return result;
}

} // namespace

raw_value from_text(const key_descriptor& key, const std::string& text) {
  switch (key.kind) {
  case key_kind::flag: return or_text(parse_flag(text), text);
  case key_kind::integer: return or_text(parse_integer(text), text);
  case key_kind::real: return or_text(parse_real(text), text);
  default: return text;
  }
}

std::optional<std::string> store(const key_descriptor& key,
                                 const raw_value& value, config& cfg) {
  if (!std::visit(fit_check{key}, value)) return problem(key, value);
  std::visit(writer{value}, key.field(cfg));
  return std::nullopt;
}

raw_value read(const key_descriptor& key, const config& cfg) {
  // The accessor only takes a field's address; nothing is written through it.
  return std::visit(reader{}, key.field(const_cast<config&>(cfg)));
}

std::string render(const raw_value& value) {
  struct visitor {
    std::string operator()(const std::string& x) const {
      return fmt::format("{:?}", x);
    }
    std::string operator()(bool x) const {
      return x ? "true" : "false";
    }
    std::string operator()(int64_t x) const {
      return std::to_string(x);
    }
    std::string operator()(double x) const {
      return render_real(x);
    }
    std::string operator()(const unusable_value& x) const {
      return x.what;
    }
  };
  return std::visit(visitor{}, value);
}

} // namespace switchboard
