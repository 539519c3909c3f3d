#include "io/smseagle/smseagle_codec.hpp"

#include <nlohmann/json.hpp>

namespace switchboard::smseagle {

namespace {

using json = nlohmann::json;

delivery_result failure(delivery_status status, std::string code,
                        std::string text) {
  delivery_result result;
  result.status = status;
  result.error_code = std::move(code);
  result.error = std::move(text);
  return result;
}

std::string id_text(const json& id) {
  if (id.is_number_integer()) return std::to_string(id.get<int64_t>());
  if (id.is_string()) return id.get<std::string>();
  return {};
}

delivery_result parse_success(std::string_view body) {
  auto doc = json::parse(body, nullptr, false);
  if (!doc.is_array() || doc.empty() || !doc.front().is_object())
    return failure(delivery_status::transient, "bad_response",
                   "smseagle answered 200 without a recipient status");
  const auto& entry = doc.front();
  auto status = entry.value("status", "");
  if (status != "queued")
    return failure(delivery_status::permanent,
                   status.empty() ? "not_queued" : status,
                   "smseagle did not queue the message");
  delivery_result result;
  result.provider_message_id = id_text(entry.value("id", json{}));
  return result;
}

bool is_transient(int http_status) {
  return http_status == 408 || http_status == 429 || http_status >= 500;
}

} // namespace

std::string sms_text(const notification& n) {
  return n.title.empty() ? n.body : n.title + "\n" + n.body;
}

http_request build_send(const endpoint& to, const notification& n) {
  http_request call;
  call.method = "POST";
  call.url = to.base_url + "/api/v2/messages/sms";
  call.headers = {{"access-token", to.access_token},
                  {"Content-Type", "application/json"}};
  json body{{"to", json::array({n.phone_number})}, {"text", sms_text(n)}};
  call.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return call;
}

delivery_result parse_send_response(int http_status, std::string_view body) {
  if (http_status >= 200 && http_status < 300) return parse_success(body);
  auto code = "http_" + std::to_string(http_status);
  return failure(is_transient(http_status) ? delivery_status::transient
                                           : delivery_status::permanent,
                 code, "smseagle answered " + code);
}

} // namespace switchboard::smseagle
