#include "io/sim/fcm_request.hpp"

#include <nlohmann/json.hpp>

namespace switchboard::sim {

namespace {

using nlohmann::json;

constexpr std::size_t max_payload = 4096;
constexpr std::size_t max_topic_payload = 2048;
constexpr long max_ttl_seconds = 2'419'200;

fcm_refusal invalid(std::string message) {
  return {400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", std::move(message)};
}

bool reserved_key(const std::string& key) {
  return key == "from" || key == "gcm" || key.rfind("google", 0) == 0;
}

/// Checks the data map; returns its size in bytes (keys + values).
std::variant<std::size_t, fcm_refusal> check_data(const json& message) {
  auto data = message.find("data");
  if (data == message.end()) return std::size_t{0};
  if (!data->is_object())
    return invalid("Invalid value at 'message.data' (type.googleapis.com/"
                   "google.protobuf.Struct)");
  std::size_t bytes = 0;
  std::size_t index = 0;
  for (auto& [key, value] : data->items()) {
    if (!value.is_string())
      return invalid("Invalid value at 'message.data[" + std::to_string(index)
                     + "].value' (TYPE_STRING), " + value.dump());
    if (reserved_key(key)) return invalid("Invalid data payload key: " + key);
    bytes += key.size() + value.get_ref<const std::string&>().size();
    ++index;
  }
  return bytes;
}

std::optional<fcm_refusal> check_ttl(const json& message) {
  auto android = message.find("android");
  if (android == message.end() || !android->is_object()) return std::nullopt;
  auto ttl = android->find("ttl");
  if (ttl == android->end()) return std::nullopt;
  auto bad = invalid("Invalid value at 'message.android.ttl' "
                     "(type.googleapis.com/google.protobuf.Duration)");
  if (!ttl->is_string()) return bad;
  const auto& text = ttl->get_ref<const std::string&>();
  if (text.size() < 2 || text.back() != 's') return bad;
  auto digits = text.substr(0, text.size() - 1);
  auto dot = digits.find('.');
  auto whole = digits.substr(0, dot);
  if (whole.empty() || whole.size() > 9
      || whole.find_first_not_of("0123456789") != std::string::npos)
    return bad;
  if (std::stol(whole) > max_ttl_seconds)
    return invalid("TTL must be between 0 and 2419200 seconds");
  return std::nullopt;
}

std::variant<fcm_send, fcm_refusal> check_target(const json& message) {
  fcm_send out;
  int targets = 0;
  for (const char* key : {"token", "topic", "condition"}) {
    auto i = message.find(key);
    if (i == message.end()) continue;
    ++targets;
    if (!i->is_string() || i->get_ref<const std::string&>().empty())
      return invalid(std::string{"Invalid value at 'message."} + key + "'");
    out.target = i->get<std::string>();
    out.is_token = std::string_view{key} == "token";
  }
  if (targets != 1)
    return invalid("Exactly one of token, topic or condition must be set");
  if (out.is_token && !well_formed_token(out.target))
    return invalid("The registration token is not a valid FCM registration "
                   "token");
  return out;
}

} // namespace

bool well_formed_token(std::string_view token) {
  if (token.empty() || token.size() > 4096) return false;
  for (char c : token) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9') || c == '_' || c == ':' || c == '.'
              || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::variant<fcm_send, fcm_refusal> parse_fcm_send(std::string_view body) {
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return invalid("Invalid JSON payload received.");
  auto message = doc.find("message");
  if (message == doc.end() || !message->is_object())
    return invalid("Request contains an invalid argument: message is "
                   "required");
  auto target = check_target(*message);
  if (auto* refusal = std::get_if<fcm_refusal>(&target)) return *refusal;
  auto send = std::get<fcm_send>(std::move(target));
  auto data = check_data(*message);
  if (auto* refusal = std::get_if<fcm_refusal>(&data)) return *refusal;
  if (auto refusal = check_ttl(*message)) return *refusal;
  auto limit = send.is_token ? max_payload : max_topic_payload;
  auto notification = message->find("notification");
  auto bytes
      = std::get<std::size_t>(data)
        + (notification == message->end() ? 0 : notification->dump().size());
  if (bytes > limit)
    return invalid("Message is too big: " + std::to_string(bytes)
                   + " bytes, the limit is " + std::to_string(limit));
  if (auto v = doc.find("validate_only"); v != doc.end()) {
    if (!v->is_boolean()) return invalid("Invalid value at 'validate_only'");
    send.validate_only = v->get<bool>();
  }
  send.message_json = message->dump();
  return send;
}

} // namespace switchboard::sim
