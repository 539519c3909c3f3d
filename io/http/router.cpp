#include "io/http/router.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <set>
#include <spdlog/spdlog.h>
#include <stdexcept>

#include "io/http/bearer_auth.hpp"
#include "io/http/url.hpp"

namespace switchboard::http {

namespace {

/// "/a/b" → {"a", "b"}; "/" → {""}. Empty for anything not starting with '/'
/// (an absolute-form or asterisk target), which then matches no route.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> result;
  if (path.empty() || path.front() != '/') return result;
  path.remove_prefix(1);
  for (;;) {
    auto slash = path.find('/');
    result.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return result;
    path.remove_prefix(slash + 1);
  }
}

} // namespace

router::router(std::string admin_token) : admin_token_(std::move(admin_token)) {
  // nop
}

std::vector<router::segment> router::parse_pattern(const std::string& pattern) {
  auto parts = split_path(pattern);
  if (parts.empty())
    throw std::invalid_argument("route pattern must start with '/': "
                                + pattern);
  std::vector<segment> result;
  for (auto part : parts) {
    auto is_param
        = part.size() > 2 && part.front() == '{' && part.back() == '}';
    if (!is_param && part.find_first_of("{}") != std::string_view::npos)
      throw std::invalid_argument("malformed route pattern: " + pattern);
    if (is_param) part = part.substr(1, part.size() - 2);
    result.push_back({std::string{part}, is_param});
  }
  return result;
}

router& router::add(std::string method, std::string pattern, handler fn,
                    auth access) {
  for (auto& r : routes_)
    if (r.method == method && r.pattern == pattern)
      throw std::invalid_argument("duplicate route: " + method + " " + pattern);
  auto segments = parse_pattern(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments),
                     std::move(fn), access});
  return *this;
}

bool router::matches(const route& r, const std::vector<std::string_view>& path,
                     std::map<std::string, std::string>* params) {
  if (r.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    auto& seg = r.segments[i];
    if (seg.is_param) {
      if (path[i].empty()) return false;
      if (params) params->emplace(seg.text, percent_decode(path[i]));
    } else if (seg.text != path[i]) {
      return false;
    }
  }
  return true;
}

route_match router::match(std::string_view method,
                          std::string_view path) const {
  auto segments = split_path(path);
  // Literal segments beat parameters, compared from the left.
  auto more_specific = [this](std::size_t a, std::size_t b) {
    auto& x = routes_[a].segments;
    auto& y = routes_[b].segments;
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
      if (x[i].is_param != y[i].is_param) return !x[i].is_param;
    return false;
  };
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < routes_.size(); ++i)
    if (matches(routes_[i], segments, nullptr)) hits.push_back(i);
  route_match result;
  if (hits.empty()) {
    result.name = std::string{unmatched};
    return result;
  }
  std::vector<std::size_t> same_method;
  std::copy_if(hits.begin(), hits.end(), std::back_inserter(same_method),
               [&](std::size_t i) {
                 return routes_[i].method == method;
               });
  if (same_method.empty()) {
    auto best = *std::min_element(hits.begin(), hits.end(), more_specific);
    std::set<std::string> methods;
    for (auto i : hits)
      methods.insert(routes_[i].method);
    result.outcome = route_match::method_not_allowed;
    result.name = routes_[best].pattern;
    for (auto& m : methods)
      result.allow += (result.allow.empty() ? "" : ", ") + m;
    return result;
  }
  auto best = *std::min_element(same_method.begin(), same_method.end(),
                                more_specific);
  result.outcome = route_match::found;
  result.name = routes_[best].pattern;
  result.index = best;
  matches(routes_[best], segments, &result.params);
  return result;
}

bool router::authorized(const request& req) const {
  return bearer_token_matches(req.header("authorization"), admin_token_);
}

std::string router::dispatch(request req, const responder& res) const {
  auto m = match(req.method, req.path);
  switch (m.outcome) {
  case route_match::not_found:
    res(error(404, "not_found", "no route for " + req.path));
    return m.name;
  case route_match::method_not_allowed: {
    auto answer = error(405, "method_not_allowed",
                        req.method + " is not allowed on " + req.path);
    answer.headers.emplace_back("Allow", m.allow);
    res(std::move(answer));
    return m.name;
  }
  case route_match::found: break;
  }
  auto& r = routes_[m.index];
  if (r.access == auth::required && !authorized(req)) {
    auto answer = error(401, "unauthorized",
                        "a valid 'Authorization: Bearer' token is required");
    answer.headers.emplace_back("WWW-Authenticate", "Bearer");
    res(std::move(answer));
    return m.name;
  }
  req.path_params = std::move(m.params);
  // A throwing handler must not take the connection (or an Asio thread) with
  // it, and its message may carry internals: log it, answer generically.
  try {
    r.fn(std::move(req), res);
  } catch (const std::exception& e) {
    spdlog::error("http: route {} {} threw: {}", r.method, r.pattern, e.what());
    res(error(500, "internal", "internal server error"));
  } catch (...) {
    spdlog::error("http: route {} {} threw a non-standard exception", r.method,
                  r.pattern);
    res(error(500, "internal", "internal server error"));
  }
  return m.name;
}

} // namespace switchboard::http
