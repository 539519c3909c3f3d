#define CAF_SUITE io.router
#include "io/http/router.hpp"

#include <stdexcept>

#include "caf/test/unit_test.hpp"

#include "tests/io_unit/captured_response.hpp"

using namespace switchboard::http;
using switchboard::http::testing::captured_response;

namespace {

constexpr const char* token = "s3cret-token";

request make_request(std::string method, std::string path,
                     std::string authorization = {}) {
  request req;
  req.method = std::move(method);
  req.target = path;
  req.path = std::move(path);
  if (!authorization.empty())
    req.headers["authorization"] = std::move(authorization);
  return req;
}

/// Answers with the route name and its path parameters as JSON.
handler echo(std::string name) {
  return [name](request req, responder res) {
    res(json(200, {{"route", name}, {"params", req.path_params}}));
  };
}

struct fixture {
  fixture() : routes(token) {
    routes.add("GET", "/api/accounts/{id}", echo("get account"), auth::none);
    routes.add("PUT", "/api/accounts/{id}", echo("put account"), auth::none);
    routes.add("POST", "/api/accounts/{id}/poll", echo("poll"), auth::none);
    routes.add("GET", "/api/jobs/{id}", echo("job"), auth::none);
    routes.add("GET", "/api/jobs/stats", echo("job stats"), auth::none);
    routes.add("GET", "/private", echo("private"));
  }

  captured_response dispatch(request req) {
    captured_response out;
    label = routes.dispatch(std::move(req), out.make());
    return out;
  }

  router routes;
  std::string label;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(router_tests, fixture)

CAF_TEST(a pattern with a parameter matches and fills the parameter) {
  auto out = dispatch(make_request("POST", "/api/accounts/acc-42/poll"));
  CAF_REQUIRE(!out.empty());
  CAF_CHECK_EQUAL(out.last().status, 200);
  auto body = out.last_json();
  CAF_CHECK_EQUAL(body["route"].get<std::string>(), "poll");
  CAF_CHECK_EQUAL(body["params"]["id"].get<std::string>(), "acc-42");
  CAF_CHECK_EQUAL(label, "/api/accounts/{id}/poll");
}

CAF_TEST(path parameters are percent decoded) {
  auto out = dispatch(make_request("GET", "/api/accounts/a%2Fb%20c"));
  CAF_REQUIRE(!out.empty());
  CAF_CHECK_EQUAL(out.last_json()["params"]["id"].get<std::string>(), "a/b c");
}

CAF_TEST(a literal segment wins over a parameter) {
  auto m = routes.match("GET", "/api/jobs/stats");
  CAF_CHECK_EQUAL(m.outcome, route_match::found);
  CAF_CHECK_EQUAL(m.name, "/api/jobs/stats");
  m = routes.match("GET", "/api/jobs/j-1");
  CAF_CHECK_EQUAL(m.name, "/api/jobs/{id}");
  CAF_CHECK_EQUAL(m.params["id"], "j-1");
}

CAF_TEST(segment counts must agree and parameters must not be empty) {
  CAF_CHECK_EQUAL(routes.match("GET", "/api/accounts").outcome,
                  route_match::not_found);
  CAF_CHECK_EQUAL(routes.match("GET", "/api/accounts/").outcome,
                  route_match::not_found);
  CAF_CHECK_EQUAL(routes.match("GET", "/api/accounts/a/b").outcome,
                  route_match::not_found);
  CAF_CHECK_EQUAL(routes.match("GET", "api/accounts/a").outcome,
                  route_match::not_found);
}

CAF_TEST(an unknown path is a 404 JSON error) {
  auto out = dispatch(make_request("GET", "/nowhere"));
  CAF_REQUIRE(!out.empty());
  CAF_CHECK_EQUAL(out.last().status, 404);
  CAF_CHECK_EQUAL(out.last().content_type, "application/json");
  CAF_CHECK_EQUAL(out.last_json()["error"]["code"].get<std::string>(),
                  "not_found");
  CAF_CHECK_EQUAL(label, "unmatched");
}

CAF_TEST(a known path with another method is a 405 with Allow) {
  auto out = dispatch(make_request("DELETE", "/api/accounts/acc-1"));
  CAF_REQUIRE(!out.empty());
  CAF_CHECK_EQUAL(out.last().status, 405);
  CAF_CHECK_EQUAL(out.last_json()["error"]["code"].get<std::string>(),
                  "method_not_allowed");
  CAF_CHECK_EQUAL(out.last_header("Allow"), "GET, PUT");
  CAF_CHECK_EQUAL(label, "/api/accounts/{id}");
}

CAF_TEST(a protected route without a token is a 401) {
  auto out = dispatch(make_request("GET", "/private"));
  CAF_REQUIRE(!out.empty());
  CAF_CHECK_EQUAL(out.last().status, 401);
  CAF_CHECK_EQUAL(out.last_json()["error"]["code"].get<std::string>(),
                  "unauthorized");
  CAF_CHECK_EQUAL(out.last_header("WWW-Authenticate"), "Bearer");
}

CAF_TEST(a protected route with a wrong token is a 401) {
  for (auto header : {"Bearer wrong", "Bearer s3cret-tokeN", "Bearer s3cret",
                      "Basic s3cret-token", "s3cret-token", "Bearer "}) {
    auto out = dispatch(make_request("GET", "/private", header));
    CAF_REQUIRE(!out.empty());
    CAF_CHECK_EQUAL(out.last().status, 401);
  }
}

CAF_TEST(a protected route with the right token is served) {
  for (auto header : {"Bearer s3cret-token", "bearer s3cret-token",
                      "Bearer  s3cret-token "}) {
    auto out = dispatch(make_request("GET", "/private", header));
    CAF_REQUIRE(!out.empty());
    CAF_CHECK_EQUAL(out.last().status, 200);
  }
}

CAF_TEST(an empty admin token admits nobody) {
  router open_door{""};
  open_door.add("GET", "/private", echo("private"));
  captured_response out;
  open_door.dispatch(make_request("GET", "/private", "Bearer "), out.make());
  CAF_REQUIRE(!out.empty());
  CAF_CHECK_EQUAL(out.last().status, 401);
}

CAF_TEST(a throwing handler is answered 500 without its message) {
  routes.add(
      "GET", "/boom",
      [](request, responder) {
        throw std::runtime_error("SELECT secret FROM vault");
      },
      auth::none);
  auto out = dispatch(make_request("GET", "/boom"));
  CAF_REQUIRE(!out.empty());
  CAF_CHECK_EQUAL(out.last().status, 500);
  CAF_CHECK_EQUAL(out.last_json()["error"]["code"].get<std::string>(),
                  "internal");
  CAF_CHECK_EQUAL(out.last().body.find("SELECT"), std::string::npos);
}

CAF_TEST(a handler that answered before throwing keeps its answer) {
  routes.add(
      "GET", "/late-boom",
      [](request, responder res) {
        res(json(200, {{"ok", true}}));
        throw std::runtime_error("after the answer");
      },
      auth::none);
  auto out = dispatch(make_request("GET", "/late-boom"));
  CAF_REQUIRE_EQUAL(out.answers->size(), 1u);
  CAF_CHECK_EQUAL(out.last().status, 200);
}

CAF_TEST(malformed and duplicate patterns are rejected) {
  auto rejects = [&](const char* method, const char* pattern) {
    try {
      routes.add(method, pattern, echo("x"));
    } catch (const std::invalid_argument&) {
      return true;
    }
    return false;
  };
  CAF_CHECK(rejects("GET", "no-slash"));
  CAF_CHECK(rejects("GET", "/a/{open"));
  CAF_CHECK(rejects("GET", "/a/x{id}"));
  CAF_CHECK(rejects("GET", "/private"));
  CAF_CHECK(!rejects("POST", "/private"));
}

CAF_TEST_FIXTURE_SCOPE_END()
