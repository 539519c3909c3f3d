#include "io/sim/fault.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <utility>

namespace switchboard::sim {

namespace {

using nlohmann::json;

struct kind_name {
  std::string_view name;
  fault_kind kind;
};

constexpr std::array<kind_name, 8> kind_names{{
    {"rate_limit", fault_kind::rate_limit},
    {"server_error", fault_kind::server_error},
    {"hang", fault_kind::hang},
    {"timeout", fault_kind::hang},
    {"reset", fault_kind::reset},
    {"malformed", fault_kind::malformed},
    {"slow", fault_kind::slow},
    {"revoked", fault_kind::revoked},
}};

constexpr uint32_t max_delay_ms = 24u * 60 * 60 * 1000;

std::optional<fault_kind> kind_of(std::string_view name) {
  for (const auto& entry : kind_names)
    if (entry.name == name) return entry.kind;
  return std::nullopt;
}

/// Reads an optional unsigned integer field within [min, max].
std::optional<std::string> read_uint(const json& obj, const char* key,
                                     uint32_t min, uint32_t max,
                                     uint32_t& out) {
  auto i = obj.find(key);
  if (i == obj.end()) return std::nullopt;
  if (!i->is_number_integer() || i->get<int64_t>() < min
      || i->get<int64_t>() > max)
    return std::string{key} + " must be an integer from " + std::to_string(min)
           + " to " + std::to_string(max);
  out = i->get<uint32_t>();
  return std::nullopt;
}

std::variant<fault_rule, std::string> parse_rule(const json& obj) {
  if (!obj.is_object()) return std::string{"a fault must be a JSON object"};
  for (auto& [key, value] : obj.items()) {
    static constexpr std::array<std::string_view, 7> known{
        "kind",   "account",  "count",         "probability",
        "status", "delay_ms", "reset_after_ms"};
    if (std::find(known.begin(), known.end(), key) == known.end())
      return "unknown fault field: " + key;
  }
  fault_rule rule;
  auto kind = obj.find("kind");
  if (kind == obj.end() || !kind->is_string())
    return std::string{"kind is required: rate_limit, server_error, hang, "
                       "timeout, reset, malformed, slow or revoked"};
  auto parsed = kind_of(kind->get<std::string>());
  if (!parsed) return "unknown fault kind: " + kind->get<std::string>();
  rule.kind = *parsed;
  if (auto account = obj.find("account"); account != obj.end()) {
    if (!account->is_string()) return std::string{"account must be a string"};
    rule.account = account->get<std::string>();
  }
  if (obj.contains("count")) {
    uint32_t count = 0;
    if (auto err = read_uint(obj, "count", 1, 1'000'000'000, count))
      return *err;
    rule.count = count;
  }
  if (auto p = obj.find("probability"); p != obj.end()) {
    if (!p->is_number() || p->get<double>() < 0.0 || p->get<double>() > 1.0)
      return std::string{"probability must be a number from 0 to 1"};
    rule.probability = p->get<double>();
  }
  uint32_t status = 500;
  if (auto err = read_uint(obj, "status", 500, 599, status)) return *err;
  rule.status = static_cast<int>(status);
  if (rule.kind == fault_kind::slow) rule.delay_ms = 1000;
  if (auto err = read_uint(obj, "delay_ms", 0, max_delay_ms, rule.delay_ms))
    return *err;
  if (auto err
      = read_uint(obj, "reset_after_ms", 0, max_delay_ms, rule.reset_after_ms))
    return *err;
  return rule;
}

} // namespace

std::string_view fault_name(fault_kind kind) {
  for (const auto& entry : kind_names)
    if (entry.kind == kind) return entry.name;
  return "unknown";
}

std::variant<std::vector<fault_rule>, std::string>
parse_fault_rules(std::string_view json_text) {
  auto doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return std::string{"the body must be JSON"};
  std::vector<fault_rule> rules;
  auto one = [&rules](const json& obj) -> std::optional<std::string> {
    auto parsed = parse_rule(obj);
    if (auto* err = std::get_if<std::string>(&parsed)) return *err;
    rules.push_back(std::get<fault_rule>(std::move(parsed)));
    return std::nullopt;
  };
  if (doc.is_array()) {
    for (const auto& item : doc)
      if (auto err = one(item)) return *err;
  } else if (auto err = one(doc)) {
    return *err;
  }
  if (rules.empty()) return std::string{"no fault given"};
  return rules;
}

fault_table::fault_table(uint32_t seed) : rng_(seed), seed_(seed) {
  // nop
}

void fault_table::add(fault_rule rule) {
  rules_.push_back(std::move(rule));
}

std::optional<fault_rule> fault_table::draw(const std::string& account) {
  // Two passes: the account's own rules win over the global ones.
  for (int pass = 0; pass < 2; ++pass) {
    bool global = pass == 1;
    for (auto i = rules_.begin(); i != rules_.end(); ++i) {
      if (global != i->account.empty() || (!global && i->account != account))
        continue;
      if (!fires(*i)) continue;
      auto fired = *i;
      if (i->count && --*i->count == 0) rules_.erase(i);
      return fired;
    }
  }
  return std::nullopt;
}

bool fault_table::fires(fault_rule& rule) {
  if (rule.probability >= 1.0) return true;
  return std::uniform_real_distribution<double>{0.0, 1.0}(rng_)
         < rule.probability;
}

void fault_table::clear() {
  rules_.clear();
  rng_.seed(seed_);
}

} // namespace switchboard::sim
