#include "io/gateways/linkedin_codec.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "io/gateways/json_fields.hpp"

namespace switchboard::gateways {

namespace {

using nlohmann::json;

struct walk {
  size_t index = 0;
  size_t start = 0;
  std::vector<std::string> posts;
};

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= text.size()) {
    auto to = text.find(sep, from);
    if (to == std::string::npos) to = text.size();
    out.push_back(text.substr(from, to - from));
    from = to + 1;
  }
  return out;
}

std::optional<walk> parse_token(const std::string& token) {
  auto parts = split(token, '|');
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty())
    return std::nullopt;
  walk w;
  w.index = std::strtoull(parts[0].c_str(), nullptr, 10);
  w.start = std::strtoull(parts[1].c_str(), nullptr, 10);
  w.posts = split(parts[2], ',');
  if (w.index >= w.posts.size()) return std::nullopt;
  return w;
}

std::string token_of(const walk& w) {
  std::string posts;
  for (const auto& p : w.posts)
    posts += (posts.empty() ? "" : ",") + p;
  return std::to_string(w.index) + "|" + std::to_string(w.start) + "|" + posts;
}

/// The token after post `w.index` is done: the next post, or "" at the end.
std::string next_post(walk w) {
  ++w.index;
  w.start = 0;
  return w.index < w.posts.size() ? token_of(w) : std::string{};
}

polled_message comment_of(const json& item) {
  polled_message m;
  m.platform_message_id = text_of(item, "id");
  m.conversation_id = text_of(item, "object");
  m.sender = text_of(item, "actor");
  if (auto msg = item.find("message"); msg != item.end() && msg->is_object())
    m.body.value = text_of(*msg, "text");
  if (auto c = item.find("created"); c != item.end() && c->is_object())
    if (auto t = c->find("time"); t != c->end() && t->is_number_integer())
      m.sent_at = caf::timestamp{std::chrono::milliseconds{t->get<int64_t>()}};
  return m;
}

gateway_parse_result parse_posts(const json& doc) {
  gateway_parse_result out;
  walk w;
  for (const auto& item : doc["elements"])
    if (auto id = text_of(item, "id"); !id.empty()) w.posts.push_back(id);
  if (!w.posts.empty()) out.page.next_token = token_of(w);
  out.ok = true;
  return out;
}

gateway_parse_result parse_comments(const json& doc, const walk& w,
                                    const std::string& cursor) {
  gateway_parse_result out;
  bool reached_cursor = false;
  for (const auto& item : doc["elements"]) {
    auto m = comment_of(item);
    if (m.platform_message_id.empty()) {
      out.error = "linkedin: a comment has no id";
      return out;
    }
    if (!newer_id(m.platform_message_id, cursor)) {
      reached_cursor = true;
      break;
    }
    if (newer_id(m.platform_message_id, out.page.cursor))
      out.page.cursor = m.platform_message_id;
    out.page.messages.push_back(std::move(m));
  }
  auto seen = doc["elements"].size();
  size_t total = 0;
  if (auto p = doc.find("paging"); p != doc.end() && p->is_object())
    total = p->value("total", size_t{0});
  if (reached_cursor || seen == 0 || w.start + seen >= total) {
    out.page.next_token = next_post(w);
  } else {
    auto more = w;
    more.start += seen;
    out.page.next_token = token_of(more);
  }
  out.ok = true;
  return out;
}

} // namespace

http_request linkedin_request(const std::string& base_url,
                              const std::string& organization,
                              const std::string& access_token,
                              const std::string& page_token) {
  http_request req;
  req.headers.push_back({"Authorization", "Bearer " + access_token});
  req.headers.push_back({"LinkedIn-Version", linkedin_version});
  req.headers.push_back({"X-Restli-Protocol-Version", "2.0.0"});
  auto w = parse_token(page_token);
  if (!w) {
    req.url = base_url + "/rest/posts";
    req.query = {{"q", "author"},
                 {"author", "urn:li:organization:" + organization},
                 {"count", "100"}};
    return req;
  }
  req.url = base_url + "/rest/socialActions/"
            + encode_path_segment(w->posts[w->index]) + "/comments";
  req.query = {{"start", std::to_string(w->start)},
               {"count", std::to_string(linkedin_page_size)}};
  return req;
}

gateway_parse_result parse_linkedin(const std::string& body,
                                    const std::string& page_token,
                                    const std::string& cursor) {
  auto doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("elements")
      || !doc["elements"].is_array()) {
    gateway_parse_result out;
    out.error = "linkedin: response has no elements array";
    return out;
  }
  auto w = parse_token(page_token);
  return w ? parse_comments(doc, *w, cursor) : parse_posts(doc);
}

} // namespace switchboard::gateways
