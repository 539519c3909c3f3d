#include "persistence/jsonb_text.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

namespace switchboard::persistence {

namespace {

using json = nlohmann::json;

// jsonb keeps one pair per key (the last), sorted by key length, then bytes.
bool jsonb_key_order(const std::string* x, const std::string* y) {
  if (x->size() != y->size()) return x->size() < y->size();
  return *x < *y;
}

// Writes `x` as PostgreSQL 15's jsonb output does (jsonb.c JsonbToCString,
// json.c escape_json); false where the parsed value no longer tells what
// PostgreSQL would print (a float's text: numeric keeps "1.50" as written).
bool write(const json& x, std::string& out) {
  switch (x.type()) {
  case json::value_t::number_float: return false;
  case json::value_t::string:
    // nlohmann's escapes are PostgreSQL's: \" \\ \b \f \n \r \t, other
    // control characters as \u00xx, everything else as is.
    out += x.dump();
    return true;
  case json::value_t::array: {
    out += '[';
    for (size_t i = 0; i < x.size(); ++i) {
      if (i > 0) out += ", ";
      if (!write(x[i], out)) return false;
    }
    out += ']';
    return true;
  }
  case json::value_t::object: {
    std::vector<const std::string*> keys;
    keys.reserve(x.size());
    for (auto& item : x.items())
      keys.push_back(&item.key());
    std::sort(keys.begin(), keys.end(), jsonb_key_order);
    out += '{';
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) out += ", ";
      out += json(*keys[i]).dump();
      out += ": ";
      if (!write(x.at(*keys[i]), out)) return false;
    }
    out += '}';
    return true;
  }
  default: // null, booleans, integers
    out += x.dump();
    return true;
  }
}

} // namespace

std::optional<std::string> jsonb_text(std::string_view text) {
  // The common payloads first: no parse needed.
  if (text == "{}" || text == "[]" || text == "null") return std::string{text};
  // A \u escape decodes by the server's encoding (and \u0000 is refused):
  // PostgreSQL decides those.
  if (text.find("\\u") != std::string_view::npos) return std::nullopt;
  auto doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return std::nullopt;
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  if (!write(doc, out)) return std::nullopt;
  return out;
}

} // namespace switchboard::persistence
