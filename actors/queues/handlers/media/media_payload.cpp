#include "actors/queues/handlers/media/media_payload.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "io/media/media_key.hpp"

namespace switchboard::media_jobs {

namespace {

using nlohmann::json;

bool is_media_type(const std::string& x) {
  return x == "image" || x == "audio" || x == "video";
}

// The string at `key`, or nullptr when absent or not a string.
const std::string* string_at(const json& doc, const char* key) {
  auto it = doc.find(key);
  return it != doc.end() && it->is_string() ? &it->get_ref<const std::string&>()
                                            : nullptr;
}

} // namespace

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-'
             : !std::isxdigit(static_cast<unsigned char>(text[i])))
      return false;
  }
  return true;
}

std::variant<io::media::media_spec, std::string>
parse_media_payload(const std::string& kind, const std::string& payload) {
  auto doc = json::parse(payload, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return std::string{"payload: not a JSON object"};
  const auto* given = string_at(doc, "type");
  if (given && is_media_type(kind) && *given != kind)
    return "payload.type " + *given + " but job kind " + kind;
  auto type = given ? *given : kind;
  if (!is_media_type(type))
    return std::string{"payload.type: not image, audio or video"};
  const auto* key = string_at(doc, "s3Key");
  if (!key || !io::media::is_valid_media_key(*key))
    return std::string{"payload.s3Key: not a valid media key"};
  const auto* message = string_at(doc, "messageId");
  if (!message || !is_uuid(*message))
    return std::string{"payload.messageId: not a UUID"};
  return io::media::media_spec{type, *key, *message};
}

} // namespace switchboard::media_jobs
