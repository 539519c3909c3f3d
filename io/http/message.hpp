#pragma once

// The HTTP layer's plain values. Handlers see a `request` and answer with a
// `response`; neither knows about Beast or sockets, so handlers are pure
// functions that tests call directly (STYLE.md §5, §8.6).

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace switchboard::http {

/// One parsed HTTP request, copied out of the connection so that it may be
/// handed to any thread.
struct request {
  /// As sent, e.g. "GET".
  std::string method;
  /// The request target as sent: path and query, still percent-encoded.
  std::string target;
  /// The target's path (before '?'), still percent-encoded.
  std::string path;
  /// Query parameters, percent-decoded ('+' is a space). A repeated name
  /// keeps its first value.
  std::map<std::string, std::string> query;
  /// Header names lower-cased; repeated headers joined with ", ".
  std::map<std::string, std::string> headers;
  std::string body;
  /// `{name}` segments of the matched route, percent-decoded; the router
  /// fills them in.
  std::map<std::string, std::string> path_params;
  /// The peer as "address:port".
  std::string remote_address;

  /// The header's value, or "" when absent. `lower_name` must be lower case.
  const std::string& header(const std::string& lower_name) const;

  /// The path parameter's value, or "" when absent.
  const std::string& param(const std::string& name) const;
};

/// One HTTP response. The server adds Content-Length, Connection and Server.
struct response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  /// Further headers, written as given.
  std::vector<std::pair<std::string, std::string>> headers;
  /// Instead of answering, reset the connection (the simulators' fault
  /// injection); see abort_connection().
  bool abort_connection = false;
};

/// A JSON response. Invalid UTF-8 in strings is replaced, never thrown.
response json(int status, const nlohmann::json& body);

/// An error response with exactly the body
/// `{"error": {"code": code, "message": message}}` (API.md, Conventions).
response error(int status, std::string_view code, std::string_view message);

/// A response with a body of any content type.
response text(int status, std::string body,
              std::string content_type = "text/plain; charset=utf-8");

/// No answer: the server resets the connection (TCP RST) instead of
/// writing a response.
response abort_connection();

/// Parses a request body as JSON. Malformed or empty input yields a 400
/// `invalid_json` error response (with the parser's position, never the body)
/// instead of the value.
std::variant<nlohmann::json, response> parse_json_body(std::string_view body);

} // namespace switchboard::http
