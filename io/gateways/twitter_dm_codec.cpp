#include "io/gateways/twitter_dm_codec.hpp"

#include <nlohmann/json.hpp>

#include "io/gateways/gateway_page.hpp"
#include "io/gateways/json_fields.hpp"
#include "io/gateways/twitter_cursor.hpp"

namespace switchboard::gateways {

namespace {

using nlohmann::json;

polled_message dm_of(const json& item, const std::string& id) {
  polled_message m;
  m.platform_message_id = twitter_dm_id_prefix + id;
  m.conversation_id = text_of(item, "dm_conversation_id");
  m.sender = text_of(item, "sender_id");
  m.body.value = text_of(item, "text");
  m.sent_at = time_of(item, "created_at");
  return m;
}

} // namespace

http_request twitter_dm_request(const std::string& base_url,
                                const std::string& access_token,
                                const std::string& page_token) {
  http_request req;
  req.url = base_url + "/2/dm_events";
  req.query.push_back({"max_results", "100"});
  req.query.push_back({"event_types", "MessageCreate"});
  req.query.push_back(
      {"dm_event.fields",
       "id,text,event_type,created_at,dm_conversation_id,sender_id"});
  if (!page_token.empty())
    req.query.push_back({"pagination_token", page_token});
  req.headers.push_back({"Authorization", "Bearer " + access_token});
  return req;
}

twitter_parse_result parse_twitter_dm_events(const std::string& body,
                                             const std::string& stored_dm_id) {
  twitter_parse_result out;
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    out.error = "twitter: DM events response is not a JSON object";
    return out;
  }
  bool reached_stored = false;
  if (auto data = doc.find("data"); data != doc.end()) {
    if (!data->is_array()) {
      out.error = "twitter: DM events data is not an array";
      return out;
    }
    for (const auto& item : *data) {
      auto id = item.is_object() ? text_of(item, "id") : std::string{};
      if (!is_twitter_id(id) || text_of(item, "event_type").empty()) {
        out.error = "twitter: a DM event has no numeric id or no event_type";
        return out;
      }
      if (newer_id(id, out.page.newest_id)) out.page.newest_id = id;
      // Every event of the page is looked at (not only up to the first old
      // one), so an event out of order within a page is not lost.
      if (!newer_id(id, stored_dm_id)) {
        reached_stored = true;
        continue;
      }
      if (text_of(item, "event_type") == "MessageCreate")
        out.page.messages.push_back(dm_of(item, id));
    }
  }
  if (auto meta = doc.find("meta"); meta != doc.end() && meta->is_object())
    if (!reached_stored) out.page.next_token = text_of(*meta, "next_token");
  out.ok = true;
  return out;
}

} // namespace switchboard::gateways
