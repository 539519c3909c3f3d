#include "actors/queues/handlers/notification/notification_payload.hpp"

#include <nlohmann/json.hpp>

#include "io/smtp/mail_headers.hpp"

namespace switchboard::notify {

namespace {

using json = nlohmann::json;

// Reads an optional string field; false when present but not a string.
bool read_string(const json& doc, const char* field, std::string& out) {
  auto it = doc.find(field);
  if (it == doc.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

std::string read_strings(const json& doc, notification& n) {
  struct field {
    const char* name;
    std::string notification::*member;
  };
  const field fields[] = {
      {"type", &notification::type},
      {"userId", &notification::user_id},
      {"title", &notification::title},
      {"body", &notification::body},
      {"fcmToken", &notification::fcm_token},
      {"email", &notification::email},
      {"phoneNumber", &notification::phone_number},
  };
  for (const auto& f : fields)
    if (!read_string(doc, f.name, n.*(f.member)))
      return std::string{"payload field "} + f.name + " must be a string";
  return {};
}

std::string read_data(const json& doc, notification& n) {
  auto it = doc.find("data");
  if (it == doc.end() || it->is_null()) return {};
  if (!it->is_object()) return "payload field data must be an object";
  for (const auto& [key, value] : it->items())
    if (!value.is_string())
      return "payload field data." + key + " must be a string";
  n.data_json = it->dump(-1, ' ', false, json::error_handler_t::replace);
  return {};
}

bool is_phone_number(const std::string& number) {
  auto digits = number.front() == '+' ? number.substr(1) : number;
  return digits.size() >= 3 && digits.size() <= 20
         && digits.find_first_not_of("0123456789") == std::string::npos;
}

std::string check_recipient(const notification& n) {
  if (n.type == "push" && n.fcm_token.empty())
    return "payload field fcmToken is required for type push";
  if (n.type == "email") {
    if (n.email.empty())
      return "payload field email is required for type email";
    if (!smtp::is_plain_address(n.email))
      return "payload field email is not an e-mail address";
  }
  if (n.type == "sms") {
    if (n.phone_number.empty())
      return "payload field phoneNumber is required for type sms";
    if (!is_phone_number(n.phone_number))
      return "payload field phoneNumber is not a phone number";
  }
  return {};
}

std::string validate(const json& doc, const std::string& kind,
                     notification& n) {
  if (auto error = read_strings(doc, n); !error.empty()) return error;
  if (!is_notification_type(n.type))
    return "payload field type must be push, email or sms";
  if (is_notification_type(kind) && n.type != kind)
    return "payload field type " + n.type + " does not match the job kind "
           + kind;
  if (n.user_id.empty()) return "payload field userId is required";
  if (n.title.empty() && n.body.empty())
    return "payload fields title and body are both empty";
  if (auto error = read_data(doc, n); !error.empty()) return error;
  return check_recipient(n);
}

} // namespace

bool is_notification_type(const std::string& type) {
  return type == "push" || type == "email" || type == "sms";
}

parsed_payload parse_payload(const job& j) {
  parsed_payload result;
  auto& n = result.value;
  n.job_id = j.id;
  n.attempt = j.attempts;
  auto doc = json::parse(j.payload, nullptr, false);
  if (!doc.is_object()) {
    result.error = "payload must be a JSON object";
    return result;
  }
  if (!doc.contains("type") && is_notification_type(j.kind)) n.type = j.kind;
  result.error = validate(doc, j.kind, n);
  if (!result.error.empty() && !is_notification_type(n.type)) n.type.clear();
  return result;
}

} // namespace switchboard::notify
