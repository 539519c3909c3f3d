#include "io/http/client/wire_request.hpp"

#include <algorithm>
#include <boost/beast/http/verb.hpp>
#include <strings.h>

#include "messages/error.hpp"

namespace switchboard::http::client {

namespace {

namespace http = boost::beast::http;

bool has_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return c == '\r' || c == '\n' || c == '\0';
  });
}

bool is_ours(const std::string& name) {
  for (const char* reserved :
       {"host", "content-length", "transfer-encoding", "connection"})
    if (strcasecmp(name.c_str(), reserved) == 0) return true;
  return false;
}

} // namespace

caf::error check_request(const http_request& request) {
  if (http::string_to_verb(request.method) == http::verb::unknown)
    return caf::make_error(errc::invalid_argument, "unknown HTTP method");
  for (auto& field : request.headers) {
    if (field.name.empty() || has_control(field.name)
        || field.name.find(':') != std::string::npos)
      return caf::make_error(errc::invalid_argument, "bad header name");
    if (has_control(field.value))
      return caf::make_error(errc::invalid_argument,
                             "bad value of header " + field.name);
  }
  return {};
}

wire_request build_wire_request(const http_request& request,
                                const client_url& url) {
  wire_request result;
  result.method(http::string_to_verb(request.method));
  result.target(url.target);
  result.version(11);
  result.set(http::field::host, url.host_header());
  for (auto& field : request.headers)
    if (!is_ours(field.name)) result.insert(field.name, field.value);
  if (result.find(http::field::user_agent) == result.end())
    result.set(http::field::user_agent, "switchboard");
  result.body() = request.body;
  result.keep_alive(true);
  result.prepare_payload();
  return result;
}

} // namespace switchboard::http::client
