#include "io/gateways/twitter_codec.hpp"

#include <nlohmann/json.hpp>

#include "io/gateways/gateway_page.hpp"
#include "io/gateways/json_fields.hpp"
#include "io/gateways/twitter_cursor.hpp"

namespace switchboard::gateways {

namespace {

using nlohmann::json;

polled_message mention_of(const json& item) {
  polled_message m;
  m.platform_message_id = text_of(item, "id");
  m.conversation_id = text_of(item, "conversation_id");
  m.sender = text_of(item, "author_id");
  m.body.value = text_of(item, "text");
  m.sent_at = time_of(item, "created_at");
  return m;
}

} // namespace

http_request twitter_mentions_request(const std::string& base_url,
                                      const std::string& user_id,
                                      const std::string& access_token,
                                      const std::string& since_id,
                                      const std::string& page_token) {
  http_request req;
  req.url = base_url + "/2/users/" + encode_path_segment(user_id) + "/mentions";
  req.query.push_back({"max_results", "100"});
  if (!since_id.empty()) req.query.push_back({"since_id", since_id});
  if (!page_token.empty())
    req.query.push_back({"pagination_token", page_token});
  req.headers.push_back({"Authorization", "Bearer " + access_token});
  return req;
}

twitter_parse_result parse_twitter_mentions(const std::string& body) {
  twitter_parse_result out;
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
      // The id becomes the next since_id and part of the stored cursor, so
      // it must be what X documents: a decimal id.
      if (!item.is_object() || !is_twitter_id(text_of(item, "id"))) {
        out.error = "twitter: a mention has no numeric id";
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
