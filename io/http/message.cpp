#include "io/http/message.hpp"

namespace switchboard::http {

namespace {

const std::string& find_or_empty(const std::map<std::string, std::string>& xs,
                                 const std::string& key) {
  static const std::string empty;
  auto i = xs.find(key);
  return i == xs.end() ? empty : i->second;
}

} // namespace

const std::string& request::header(const std::string& lower_name) const {
  return find_or_empty(headers, lower_name);
}

const std::string& request::param(const std::string& name) const {
  return find_or_empty(path_params, name);
}

response json(int status, const nlohmann::json& body) {
  // Strings may carry bytes from clients or platforms; a dump that throws on
  // invalid UTF-8 would turn a good answer into a 500.
  return {status,
          "application/json",
          body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          {}};
}

response error(int status, std::string_view code, std::string_view message) {
  return json(status, {{"error", {{"code", code}, {"message", message}}}});
}

response text(int status, std::string body, std::string content_type) {
  return {status, std::move(content_type), std::move(body), {}};
}

response abort_connection() {
  response r;
  r.abort_connection = true;
  return r;
}

std::variant<nlohmann::json, response> parse_json_body(std::string_view body) {
  if (body.empty())
    return error(400, "invalid_json", "the request body must be JSON");
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    return error(400, "invalid_json",
                 "malformed JSON at byte " + std::to_string(e.byte));
  }
}

} // namespace switchboard::http
