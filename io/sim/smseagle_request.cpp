#include "io/sim/smseagle_request.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

namespace switchboard::sim {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 14> validities{
    "5m", "10m", "30m", "1h", "2h", "4h", "12h",
    "1d", "2d",  "5d",  "1w", "2w", "4w", "max"};

constexpr std::size_t max_limit = 1000;

bool valid_number(const std::string& n) {
  auto digits = n.rfind('+', 0) == 0 ? n.substr(1) : n;
  return digits.size() >= 3 && digits.size() <= 20
         && digits.find_first_not_of("0123456789") == std::string::npos;
}

std::optional<std::string> read_numbers(const json& doc, bool single,
                                        sms_send& out) {
  auto to = doc.find("to");
  if (to == doc.end()) return std::nullopt;
  if (single) {
    if (!to->is_string()) return std::string{"to must be a phone number"};
    out.recipients.push_back(to->get<std::string>());
  } else {
    if (!to->is_array()) return std::string{"to must be an array of numbers"};
    for (const auto& n : *to) {
      if (!n.is_string()) return std::string{"to must be an array of numbers"};
      out.recipients.push_back(n.get<std::string>());
    }
  }
  for (const auto& n : out.recipients)
    if (!valid_number(n)) return "invalid phone number: " + n;
  return std::nullopt;
}

std::optional<std::string> read_ids(const json& doc, const char* key,
                                    sms_send& out) {
  auto ids = doc.find(key);
  if (ids == doc.end()) return std::nullopt;
  auto bad = std::string{key} + " must be an array of positive integers";
  if (!ids->is_array()) return bad;
  std::string prefix = std::string{key} == "contacts" ? "contact:" : "group:";
  for (const auto& id : *ids) {
    if (!id.is_number_integer() || id.get<int64_t>() <= 0) return bad;
    out.recipients.push_back(prefix + std::to_string(id.get<int64_t>()));
  }
  return std::nullopt;
}

std::optional<std::string> read_options(const json& doc, sms_send& out) {
  if (auto e = doc.find("encoding"); e != doc.end()) {
    if (!e->is_string() || (*e != "standard" && *e != "unicode"))
      return std::string{"encoding must be standard or unicode"};
    out.encoding = e->get<std::string>();
  }
  if (auto v = doc.find("validity"); v != doc.end()) {
    if (!v->is_string()
        || std::find(validities.begin(), validities.end(),
                     v->get<std::string>())
               == validities.end())
      return std::string{"validity must be one of 5m, 10m, 30m, 1h, 2h, 4h, "
                         "12h, 1d, 2d, 5d, 1w, 2w, 4w, max"};
    out.validity = v->get<std::string>();
  }
  if (auto p = doc.find("priority"); p != doc.end())
    if (!p->is_number_integer() || p->get<int64_t>() < 0
        || p->get<int64_t>() > 9)
      return std::string{"priority must be an integer from 0 to 9"};
  if (auto t = doc.find("test"); t != doc.end()) {
    if (!t->is_boolean()) return std::string{"test must be true or false"};
    out.test = t->get<bool>();
  }
  return std::nullopt;
}

std::optional<int64_t> read_int(const std::string& text) {
  if (text.empty() || text.size() > 18
      || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

} // namespace

std::variant<sms_send, std::string> parse_sms_send(std::string_view body,
                                                   bool single) {
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return std::string{"the body must be a JSON object"};
  sms_send out;
  if (auto err = read_numbers(doc, single, out)) return *err;
  if (!single) {
    if (auto err = read_ids(doc, "contacts", out)) return *err;
    if (auto err = read_ids(doc, "groups", out)) return *err;
  }
  if (out.recipients.empty())
    return std::string{"at least one of to, contacts or groups is required"};
  auto text = doc.find("text");
  if (text == doc.end() || !text->is_string()
      || text->get<std::string>().empty())
    return std::string{"text is required"};
  out.text = text->get<std::string>();
  if (auto err = read_options(doc, out)) return *err;
  return out;
}

std::variant<folder_query, std::string>
parse_folder_query(const std::map<std::string, std::string>& query) {
  folder_query q;
  for (const auto& [name, value] : query) {
    if (name == "order") {
      if (value != "asc" && value != "desc")
        return std::string{"order must be asc or desc"};
      q.descending = value == "desc";
      continue;
    }
    if (name != "id_from" && name != "id_to" && name != "limit"
        && name != "offset")
      continue; // filters this simulator does not model are ignored
    auto n = read_int(value);
    if (!n) return name + " must be a non-negative integer";
    if (name == "id_from") q.id_from = *n;
    if (name == "id_to") q.id_to = *n;
    if (name == "offset") q.offset = static_cast<std::size_t>(*n);
    if (name == "limit") {
      if (*n < 1 || *n > int64_t(max_limit))
        return std::string{"limit must be from 1 to 1000"};
      q.limit = static_cast<std::size_t>(*n);
    }
  }
  return q;
}

} // namespace switchboard::sim
