#include "io/fcm/fcm_codec.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "io/fcm/retry_after.hpp"

namespace switchboard::fcm {

namespace {

using json = nlohmann::json;

constexpr std::string_view fcm_error_type
    = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

struct code_class {
  std::string_view code;
  delivery_status status;
};

constexpr std::array<code_class, 14> code_table{{
    {"UNREGISTERED", delivery_status::permanent},
    {"INVALID_ARGUMENT", delivery_status::permanent},
    {"SENDER_ID_MISMATCH", delivery_status::permanent},
    {"THIRD_PARTY_AUTH_ERROR", delivery_status::permanent},
    {"PERMISSION_DENIED", delivery_status::permanent},
    {"NOT_FOUND", delivery_status::permanent},
    {"QUOTA_EXCEEDED", delivery_status::transient},
    {"RESOURCE_EXHAUSTED", delivery_status::transient},
    {"UNAVAILABLE", delivery_status::transient},
    {"INTERNAL", delivery_status::transient},
    {"UNAUTHENTICATED", delivery_status::transient},
    {"DEADLINE_EXCEEDED", delivery_status::transient},
    {"ABORTED", delivery_status::transient},
    {"UNKNOWN", delivery_status::transient},
}};

// The FcmError detail's errorCode, else the canonical status, else "".
std::string error_code_of(const json& error) {
  if (auto details = error.find("details");
      details != error.end() && details->is_array())
    for (const auto& detail : *details)
      if (detail.is_object() && detail.value("@type", "") == fcm_error_type)
        if (auto code = detail.value("errorCode", "");
            !code.empty() && code != "UNSPECIFIED_ERROR")
          return code;
  return error.value("status", "");
}

delivery_result failure(delivery_status status, std::string code,
                        std::string text) {
  delivery_result result;
  result.status = status;
  result.error_code = std::move(code);
  result.error = std::move(text);
  return result;
}

delivery_result parse_success(std::string_view body) {
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_object())
    if (auto name = doc.value("name", ""); !name.empty()) {
      delivery_result result;
      result.provider_message_id = std::move(name);
      return result;
    }
  return failure(delivery_status::transient, "bad_response",
                 "fcm answered 200 without a message name");
}

delivery_result parse_error(int http_status, std::string_view body) {
  auto http_code = "http_" + std::to_string(http_status);
  auto doc = json::parse(body, nullptr, false);
  std::string code;
  if (doc.is_object())
    if (auto error = doc.find("error");
        error != doc.end() && error->is_object())
      code = error_code_of(*error);
  if (auto known = classify_error_code(code))
    return failure(*known, code,
                   "fcm rejected the message: " + code + " (" + http_code
                       + ")");
  return failure(classify_http_status(http_status), http_code,
                 "fcm answered " + http_code);
}

} // namespace

std::optional<delivery_status> classify_error_code(std::string_view code) {
  for (const auto& entry : code_table)
    if (entry.code == code) return entry.status;
  return std::nullopt;
}

delivery_status classify_http_status(int http_status) {
  if (http_status == 401 || http_status == 408 || http_status == 429
      || http_status >= 500)
    return delivery_status::transient;
  return delivery_status::permanent;
}

http_request build_send(const endpoint& to, const notification& n) {
  json message{{"token", n.fcm_token},
               {"notification", {{"title", n.title}, {"body", n.body}}}};
  auto data = json::parse(n.data_json, nullptr, false);
  if (data.is_object() && !data.empty()) message["data"] = std::move(data);
  http_request call;
  call.method = "POST";
  call.url = to.base_url + "/v1/projects/" + to.project_id + "/messages:send";
  call.headers = {{"Authorization", "Bearer " + to.access_token},
                  {"Content-Type", "application/json; charset=UTF-8"}};
  call.body = json{{"message", std::move(message)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
  return call;
}

delivery_result parse_send_response(int http_status, std::string_view body,
                                    std::string_view retry_after,
                                    std::chrono::system_clock::time_point now) {
  if (http_status == 200) return parse_success(body);
  auto result = parse_error(http_status, body);
  if (result.status == delivery_status::transient)
    result.retry_after_ms = parse_retry_after_ms(retry_after, now).value_or(0);
  return result;
}

} // namespace switchboard::fcm
