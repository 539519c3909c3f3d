#include "io/gateways/twitter_codec.hpp"

#include <nlohmann/json.hpp>

#include "io/rfc3339.hpp"

namespace switchboard::gateways {

namespace {

using nlohmann::json;

std::string text_of(const json& obj, const char* key) {
  auto i = obj.find(key);
  return i != obj.end() && i->is_string() ? i->get<std::string>() : "";
}

polled_message mention_of(const json& item) {
  polled_message m;
  m.platform_message_id = text_of(item, "id");
  m.conversation_id = text_of(item, "conversation_id");
  m.sender = text_of(item, "author_id");
  m.body.value = text_of(item, "text");
  if (auto at = io::parse_rfc3339(text_of(item, "created_at")))
    m.sent_at = caf::timestamp{
        std::chrono::duration_cast<caf::timespan>(at->time_since_epoch())};
  return m;
}

} // namespace

http_request twitter_mentions_request(const std::string& base_url,
                                      const std::string& user_id,
                                      const std::string& access_token,
                                      const std::string& cursor,
                                      const std::string& page_token) {
  http_request req;
  req.url = base_url + "/2/users/" + encode_path_segment(user_id) + "/mentions";
  req.query.push_back({"max_results", "100"});
  if (!cursor.empty()) req.query.push_back({"since_id", cursor});
  if (!page_token.empty())
    req.query.push_back({"pagination_token", page_token});
  req.headers.push_back({"Authorization", "Bearer " + access_token});
  return req;
}

gateway_parse_result parse_twitter_mentions(const std::string& body) {
  gateway_parse_result out;
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    out.error = "twitter: response is not a JSON object";
    return out;
  }
  if (auto data = doc.find("data"); data != doc.end()) {
    if (!data->is_array()) {
      out.error = "twitter: data is not an array";
      return out;
    }
    for (const auto& item : *data) {
      if (!item.is_object() || text_of(item, "id").empty()) {
        out.error = "twitter: a mention has no id";
        return out;
      }
      out.page.messages.push_back(mention_of(item));
      auto& id = out.page.messages.back().platform_message_id;
      if (newer_id(id, out.page.newest_id)) out.page.newest_id = id;
    }
  }
  if (auto meta = doc.find("meta"); meta != doc.end() && meta->is_object())
    out.page.next_token = text_of(*meta, "next_token");
  out.ok = true;
  return out;
}

} // namespace switchboard::gateways
