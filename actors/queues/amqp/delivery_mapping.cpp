#include "actors/queues/amqp/delivery_mapping.hpp"

#include <nlohmann/json.hpp>

#include "actors/queues/job_defaults.hpp"
#include "actors/queues/queue_table.hpp"

namespace switchboard {

namespace {

// Segment `i` of a dotted routing key, "" when it has fewer.
std::string segment(const std::string& key, size_t i) {
  size_t begin = 0;
  for (; i > 0; --i) {
    auto dot = key.find('.', begin);
    if (dot == std::string::npos) return {};
    begin = dot + 1;
  }
  return key.substr(begin, key.find('.', begin) - begin);
}

std::string string_field(const nlohmann::json& body, const char* name) {
  auto i = body.find(name);
  if (i == body.end() || !i->is_string()) return {};
  return i->get<std::string>();
}

} // namespace

std::string unique_key_for(const std::string& message_id) {
  return message_id.empty() ? std::string{} : "amqp:" + message_id;
}

std::variant<new_job, mapping_error>
map_delivery(const amqp_delivery& d, const queues_settings& queues) {
  auto queue = segment(d.routing_key, 0);
  const auto* settings = find_queue_settings(queues, queue);
  if (settings == nullptr)
    return mapping_error{"unknown queue '" + queue + "'"};
  auto body = nlohmann::json::parse(d.body, nullptr, false);
  if (body.is_discarded()) return mapping_error{"body is not JSON"};
  if (!body.is_object()) return mapping_error{"body is not a JSON object"};
  new_job result;
  result.queue = std::move(queue);
  result.kind = string_field(body, "type");
  if (result.kind.empty()) result.kind = segment(d.routing_key, 1);
  if (result.kind.empty())
    return mapping_error{"no job kind (no \"type\" and no second routing key "
                         "segment)"};
  result.payload = d.body;
  result.unique_key = unique_key_for(
      d.message_id.empty() ? string_field(body, "uniqueKey") : d.message_id);
  apply_queue_defaults(result, *settings);
  return result;
}

} // namespace switchboard
