#pragma once

// Maps a request to its handler by method and path pattern, and applies the
// two rules every route shares: the admin token check and "a handler that
// throws is a 500, never a stack trace". Knows nothing of sockets or actors.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "io/http/message.hpp"
#include "io/http/responder.hpp"

namespace switchboard::http {

/// Answers one request, now or later, through the responder.
using handler = std::function<void(request, responder)>;

/// Whether a route needs `Authorization: Bearer <admin token>`.
enum class auth {
  required,
  none,
};

/// What the route table says about a method and path, before auth.
struct route_match {
  enum outcome_t { found, not_found, method_not_allowed };
  outcome_t outcome = not_found;
  /// The matched pattern (the metrics label); "unmatched" for not_found.
  std::string name;
  /// The `{name}` segments, decoded (found only).
  std::map<std::string, std::string> params;
  /// The methods the path accepts, "GET, POST" (method_not_allowed only).
  std::string allow;
  /// Index of the route in the table (found only).
  std::size_t index = 0;
};

/// The route table. Fill it at start-up, then share it read-only: match()
/// and dispatch() are const and safe to call from several threads.
class router {
 public:
  /// The label of requests that match no route.
  static constexpr std::string_view unmatched = "unmatched";

  /// `admin_token` is what auth::required routes compare against; an empty
  /// token rejects every such request.
  explicit router(std::string admin_token);

  /// Adds a route. `pattern` starts with '/' and may contain `{param}`
  /// segments, e.g. "/api/accounts/{id}/poll"; it is also the route's
  /// metrics label. Where patterns overlap, the one with a literal segment
  /// earlier wins ("/api/jobs/stats" before "/api/jobs/{id}").
  /// Throws std::invalid_argument on a malformed or duplicate pattern.
  router& add(std::string method, std::string pattern, handler fn,
              auth access = auth::required);

  /// Looks up a method and a (still percent-encoded) path.
  route_match match(std::string_view method, std::string_view path) const;

  /// Answers `req` through `res`: 404 or 405 (with Allow) JSON when no route
  /// fits, 401 JSON when the token is required and missing or wrong, else
  /// the handler with `req.path_params` filled in; a handler that throws is
  /// answered 500 JSON and logged. Returns the route's metrics label.
  std::string dispatch(request req, const responder& res) const;

 private:
  struct segment {
    std::string text;
    bool is_param = false;
  };

  struct route {
    std::string method;
    std::string pattern;
    std::vector<segment> segments;
    handler fn;
    auth access = auth::required;
  };

  static std::vector<segment> parse_pattern(const std::string& pattern);

  static bool matches(const route& r, const std::vector<std::string_view>& path,
                      std::map<std::string, std::string>* params);

  bool authorized(const request& req) const;

  std::string admin_token_;
  std::vector<route> routes_;
};

} // namespace switchboard::http
