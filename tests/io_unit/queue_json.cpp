#define CAF_SUITE io.queue_json
#include "io/http/queue_json.hpp"

#include "caf/test/unit_test.hpp"

using namespace switchboard;
using namespace switchboard::http;
using jvalue = nlohmann::json;

namespace {

// A queue whose defaults are recognisable: 7 attempts, priority 2.
new_job base(const std::string& kind) {
  new_job x;
  x.queue = "q";
  x.kind = kind;
  x.max_attempts = 7;
  x.priority = 2;
  return x;
}

int status_of(const std::variant<enqueue_request, response>& x) {
  auto* r = std::get_if<response>(&x);
  return r ? r->status : 0;
}

std::string message_of(const std::variant<enqueue_request, response>& x) {
  auto* r = std::get_if<response>(&x);
  if (!r) return "<accepted>";
  return jvalue::parse(r->body)["error"]["message"].get<std::string>();
}

int clean_status(const jvalue& body) {
  auto parsed = parse_clean(body);
  auto* r = std::get_if<response>(&parsed);
  return r ? r->status : 0;
}

request with_query(std::map<std::string, std::string> query) {
  request req;
  req.query = std::move(query);
  return req;
}

} // namespace

CAF_TEST(a job object lays its fields over the queue defaults) {
  auto parsed = parse_enqueue(jvalue{{"kind", "k"},
                                     {"payload", {{"a", 1}}},
                                     {"priority", 9},
                                     {"unique_key", "u"},
                                     {"backoff", {{"delay_ms", 10}}}},
                              base);
  auto* r = std::get_if<enqueue_request>(&parsed);
  CAF_REQUIRE(r != nullptr);
  CAF_CHECK(!r->batch);
  CAF_REQUIRE_EQUAL(r->jobs.size(), 1u);
  const auto& x = r->jobs[0];
  CAF_CHECK_EQUAL(x.queue, "q");
  CAF_CHECK_EQUAL(x.kind, "k");
  CAF_CHECK_EQUAL(x.payload, R"({"a":1})");
  CAF_CHECK_EQUAL(x.priority, 9);
  CAF_CHECK_EQUAL(x.max_attempts, 7);
  CAF_CHECK_EQUAL(x.unique_key, "u");
  CAF_CHECK_EQUAL(x.backoff.type, "fixed");
  CAF_CHECK_EQUAL(x.backoff.delay_ms, 10);
}

CAF_TEST(type errors are 400 and senseless values 422 naming the field) {
  CAF_CHECK_EQUAL(status_of(parse_enqueue(jvalue::array({1}), base)), 400);
  CAF_CHECK_EQUAL(status_of(parse_enqueue(jvalue{{"kind", ""}}, base)), 422);
  auto big
      = parse_enqueue(jvalue{{"kind", "k"}, {"priority", 1LL << 40}}, base);
  CAF_CHECK_EQUAL(status_of(big), 422);
  CAF_CHECK_EQUAL(message_of(big), "priority must be at most 2147483647");
  auto huge = parse_enqueue(jvalue{{"kind", "k"}, {"timeout_ms", 1e300}}, base);
  CAF_CHECK_EQUAL(status_of(huge), 400);
  auto jitter = parse_enqueue(
      jvalue{{"kind", "k"}, {"backoff", {{"jitter", 1}}}}, base);
  CAF_CHECK_EQUAL(message_of(jitter), "backoff.jitter must be true or false");
  auto key = parse_enqueue(
      jvalue{{"kind", "k"}, {"unique_key", std::string(201, 'k')}}, base);
  CAF_CHECK_EQUAL(status_of(key), 422);
  jvalue many = jvalue::array();
  for (size_t i = 0; i <= max_enqueue_batch; ++i)
    many.push_back({{"kind", "k"}});
  CAF_CHECK_EQUAL(status_of(parse_enqueue(many, base)), 422);
}

CAF_TEST(list queries validate state limit and cursor) {
  auto p = parse_page(
      with_query({{"state", "dead"}, {"limit", "5"}, {"cursor", "42"}}));
  auto* page = std::get_if<page_request>(&p);
  CAF_REQUIRE(page != nullptr);
  CAF_CHECK_EQUAL(page->state, "dead");
  CAF_CHECK_EQUAL(page->limit, 5u);
  CAF_CHECK_EQUAL(page->after_id, "42");
  auto d = parse_page(with_query({}));
  CAF_REQUIRE(std::get_if<page_request>(&d) != nullptr);
  CAF_CHECK_EQUAL(std::get<page_request>(d).limit, default_page_limit);
  auto capped = parse_page(with_query({{"limit", "500"}}));
  CAF_CHECK_EQUAL(std::get<page_request>(capped).limit, max_page_limit);
  CAF_CHECK(std::holds_alternative<response>(
      parse_page(with_query({{"limit", "-1"}}))));
  CAF_CHECK(std::holds_alternative<response>(
      parse_page(with_query({{"state", "sleeping"}}))));
  CAF_CHECK(std::holds_alternative<response>(
      parse_page(with_query({{"cursor", "1;drop"}}))));
}

CAF_TEST(a page one longer than the limit has a next cursor) {
  std::vector<job> jobs(3);
  jobs[0].id = "1";
  jobs[1].id = "2";
  jobs[2].id = "3";
  auto page = job_page_json(jobs, 2);
  CAF_CHECK_EQUAL(page["items"].size(), 2u);
  CAF_CHECK_EQUAL(page["next_cursor"].get<std::string>(), "2");
  auto last = job_page_json(jobs, 3);
  CAF_CHECK(last["next_cursor"].is_null());
}

CAF_TEST(clean requests need a cleanable state) {
  auto ok = parse_clean(jvalue{{"state", "dead"}, {"older_than_ms", 1000}});
  auto* c = std::get_if<clean_request>(&ok);
  CAF_REQUIRE(c != nullptr);
  CAF_CHECK_EQUAL(c->older_than.count(), 1000);
  auto d = parse_clean(jvalue{{"state", "completed"}});
  CAF_CHECK(std::get<clean_request>(d).older_than == default_clean_age);
  CAF_CHECK_EQUAL(clean_status(jvalue{{"state", "active"}}), 422);
  CAF_CHECK_EQUAL(clean_status(jvalue::array()), 400);
  CAF_CHECK_EQUAL(clean_status(jvalue{{"state", "dead"}, {"x", 1}}), 400);
}

CAF_TEST(job json shows nulls for absent values and parses stored JSON) {
  job x;
  x.id = "5";
  x.payload = R"({"a":[1,2]})";
  x.progress = R"({"pct":50})";
  auto j = job_json(x);
  CAF_CHECK_EQUAL(j["payload"]["a"][1].get<int>(), 2);
  CAF_CHECK_EQUAL(j["progress"]["pct"].get<int>(), 50);
  CAF_CHECK(j["result"].is_null());
  CAF_CHECK(j["unique_key"].is_null());
  CAF_CHECK(j["started_at"].is_null());
  CAF_CHECK_EQUAL(j["created_at"].get<std::string>(),
                  "1970-01-01T00:00:00.000Z");
}
