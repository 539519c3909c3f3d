#define CAF_SUITE io.message
#include "io/http/message.hpp"

#include <variant>

#include "caf/test/unit_test.hpp"

#include "io/http/url.hpp"

using namespace switchboard::http;

CAF_TEST(error bodies have exactly the documented shape) {
  auto r = error(409, "conflict", "account acc-42 is already connected");
  CAF_CHECK_EQUAL(r.status, 409);
  CAF_CHECK_EQUAL(r.content_type, "application/json");
  CAF_CHECK_EQUAL(r.body,
                  R"({"error":{"code":"conflict",)"
                  R"("message":"account acc-42 is already connected"}})");
  auto parsed = nlohmann::json::parse(r.body);
  CAF_CHECK_EQUAL(parsed.size(), 1u);
  CAF_CHECK_EQUAL(parsed["error"].size(), 2u);
}

CAF_TEST(json answers replace invalid UTF - 8 instead of throwing) {
  auto r = json(200, {{"text", std::string{"a\xff"
                                           "b"}}});
  CAF_CHECK_EQUAL(r.status, 200);
  CAF_CHECK_EQUAL(nlohmann::json::parse(r.body)["text"].get<std::string>(),
                  "a\xEF\xBF\xBD"
                  "b");
}

CAF_TEST(a well formed body parses) {
  auto parsed = parse_json_body(R"({"platform": "telegram", "n": 3})");
  CAF_REQUIRE(std::holds_alternative<nlohmann::json>(parsed));
  auto& value = std::get<nlohmann::json>(parsed);
  CAF_CHECK_EQUAL(value["platform"].get<std::string>(), "telegram");
  CAF_CHECK_EQUAL(value["n"].get<int>(), 3);
}

CAF_TEST(a malformed body is a 400 error response) {
  for (auto body : {"{\"platform\": ", "not json", "", "{} trailing"}) {
    auto parsed = parse_json_body(body);
    CAF_REQUIRE(std::holds_alternative<response>(parsed));
    auto& r = std::get<response>(parsed);
    CAF_CHECK_EQUAL(r.status, 400);
    auto err = nlohmann::json::parse(r.body);
    CAF_CHECK_EQUAL(err["error"]["code"].get<std::string>(), "invalid_json");
  }
}

CAF_TEST(request headers and params read as empty when absent) {
  request req;
  req.headers["x-a"] = "1";
  CAF_CHECK_EQUAL(req.header("x-a"), "1");
  CAF_CHECK_EQUAL(req.header("x-b"), "");
  CAF_CHECK_EQUAL(req.param("id"), "");
}

CAF_TEST(targets split into path and decoded query) {
  CAF_CHECK_EQUAL(target_path("/a/b?x=1"), "/a/b");
  CAF_CHECK_EQUAL(target_path("/a/b"), "/a/b");
  CAF_CHECK_EQUAL(target_path("/a#frag"), "/a");
  auto q = parse_query("/x?limit=50&cursor=a%2Bb&q=hello+world&flag&limit=9");
  CAF_CHECK_EQUAL(q.size(), 4u);
  CAF_CHECK_EQUAL(q["limit"], "50");
  CAF_CHECK_EQUAL(q["cursor"], "a+b");
  CAF_CHECK_EQUAL(q["q"], "hello world");
  CAF_CHECK_EQUAL(q["flag"], "");
  CAF_CHECK(parse_query("/x").empty());
}

CAF_TEST(percent decoding keeps malformed escapes) {
  CAF_CHECK_EQUAL(percent_decode("a%20b"), "a b");
  CAF_CHECK_EQUAL(percent_decode("100%"), "100%");
  CAF_CHECK_EQUAL(percent_decode("%zz%4"), "%zz%4");
  CAF_CHECK_EQUAL(percent_decode("a+b"), "a+b");
  CAF_CHECK_EQUAL(percent_decode("a+b", true), "a b");
}
