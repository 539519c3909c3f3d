#include "io/sim/twitter_routes.hpp"

#include <nlohmann/json.hpp>

#include "io/rfc3339.hpp"
#include "io/sim/account_stream.hpp"
#include "io/sim/sim_core.hpp"
#include "io/sim/stable_hash.hpp"
#include "io/sim/stream_ids.hpp"

namespace switchboard::sim {

namespace {

using nlohmann::json;

/// Which rate-limit window of the account a route spends.
enum endpoint : std::size_t { mentions_endpoint = 0, dm_endpoint = 1 };

/// X reaches only about the newest 800 mentions by paging.
constexpr uint64_t mention_reach = 800;

/// Authors of an account's messages come from a small set, as real
/// conversations do.
constexpr uint64_t author_pool = 50;

http::response problem(int status, std::string title, std::string detail,
                       std::string type = "about:blank") {
  auto r = http::json(status, {{"title", title},
                               {"detail", detail},
                               {"type", type},
                               {"status", status}});
  r.content_type = "application/problem+json";
  return r;
}

http::response invalid_request(const std::string& name,
                               const std::string& message) {
  auto r = problem(400, "Invalid Request",
                   "One or more parameters to your request was invalid.",
                   "https://api.twitter.com/2/problems/invalid-request");
  auto body = json::parse(r.body);
  body["errors"] = json::array(
      {{{"parameters", {{name, json::array()}}}, {"message", message}}});
  r.body = body.dump();
  return r;
}

http::response unauthorized() {
  return problem(401, "Unauthorized", "Unauthorized");
}

void add_rate_headers(http::response& r, const rate_decision& d) {
  r.headers.emplace_back("x-rate-limit-limit", std::to_string(d.limit));
  r.headers.emplace_back("x-rate-limit-remaining", std::to_string(d.remaining));
  r.headers.emplace_back("x-rate-limit-reset",
                         std::to_string(d.reset_at_ms / 1000));
}

std::string author_id(uint64_t message_hash) {
  return std::to_string(1'000'000'000ULL + (message_hash % author_pool) * 7919);
}

std::string rfc3339_at(int64_t epoch_ms) {
  return io::format_rfc3339_ms(std::chrono::system_clock::time_point{
      std::chrono::milliseconds{epoch_ms}});
}

/// Parses max_results within [min, max], default `fallback`.
std::optional<uint32_t> max_results_of(const http::request& req, uint32_t min,
                                       uint32_t max, uint32_t fallback) {
  auto i = req.query.find("max_results");
  if (i == req.query.end()) return fallback;
  auto n = parse_id(i->second);
  if (!n || *n < min || *n > max) return std::nullopt;
  return static_cast<uint32_t>(*n);
}

/// The rate-limit part shared by both endpoints: spends one request of the
/// account's window, or answers 429.
struct window_check {
  rate_decision decision;
  std::optional<http::response> refusal;
};

window_check spend(sim_core& core, const std::string& account, endpoint ep) {
  const auto& s = core.settings();
  auto now = core.now_ms();
  window_check out;
  out.decision = core.with_account(account, [&](account_state& st) {
    return take_request(st.windows[ep], now, s.twitter_rate_limit,
                        now + s.twitter_rate_window_ms);
  });
  if (!out.decision.allowed) {
    core.count_rate_limited(account);
    out.refusal = problem(429, "Too Many Requests", "Too Many Requests");
    add_rate_headers(*out.refusal, out.decision);
  }
  return out;
}

fault_renderer twitter_faults(std::shared_ptr<sim_core> core, endpoint ep) {
  return [core, ep](const fault_rule& rule, const std::string& account) {
    if (rule.kind == fault_kind::revoked) return unauthorized();
    if (rule.kind == fault_kind::rate_limit) {
      const auto& s = core->settings();
      auto now = core->now_ms();
      auto until = now
                   + (rule.reset_after_ms ? rule.reset_after_ms
                                          : s.twitter_rate_window_ms);
      core->with_account(account, [&](account_state& st) {
        exhaust(st.windows[ep], s.twitter_rate_limit, until);
      });
      auto r = problem(429, "Too Many Requests", "Too Many Requests");
      add_rate_headers(r, {false, s.twitter_rate_limit, 0, until});
      return r;
    }
    return problem(rule.status,
                   rule.status == 503 ? "Service Unavailable"
                                      : "Internal Server Error",
                   "The service is temporarily unavailable.");
  };
}

// -- mentions -----------------------------------------------------------------

struct mention_query {
  uint32_t max_results = 10;
  std::optional<uint64_t> since_id;
  std::optional<uint64_t> until_id;
  std::optional<uint64_t> page_end;
  bool expand_authors = false;
};

std::variant<mention_query, http::response>
parse_mention_query(const http::request& req) {
  mention_query q;
  auto max = max_results_of(req, 5, 100, 10);
  if (!max)
    return invalid_request("max_results",
                           "The `max_results` query parameter value is not "
                           "between 5 and 100");
  q.max_results = *max;
  for (auto [name, field] : {std::pair{"since_id", &q.since_id},
                             std::pair{"until_id", &q.until_id}}) {
    auto i = req.query.find(name);
    if (i == req.query.end()) continue;
    *field = parse_id(i->second);
    if (!*field)
      return invalid_request(name, std::string{"The `"} + name
                                       + "` query parameter value is not a "
                                         "valid post id");
  }
  if (auto i = req.query.find("pagination_token"); i != req.query.end()) {
    q.page_end = from_base36(i->second);
    if (!q.page_end)
      return invalid_request("pagination_token",
                             "The `pagination_token` query parameter value "
                             "is not valid");
  }
  if (auto i = req.query.find("expansions"); i != req.query.end())
    q.expand_authors = i->second.find("author_id") != std::string::npos;
  return q;
}

json mention_json(const account_stream& stream, const std::string& user,
                  uint64_t k, int64_t start_ms) {
  auto id
      = std::to_string(stream_id(mention_id_base, stream.account_hash(), k));
  auto h = stream.message_hash(k);
  return {{"id", id},
          {"text", "@user" + user + " simulated mention " + std::to_string(k)
                       + " #" + std::to_string(h % 10000)},
          {"author_id", author_id(h)},
          {"conversation_id", id},
          {"created_at", rfc3339_at(start_ms + stream.arrival_ms(k))},
          {"edit_history_tweet_ids", json::array({id})}};
}

http::response mentions_page(sim_core& core, const std::string& user,
                             const mention_query& q) {
  const auto& s = core.settings();
  account_stream stream{s.seed, "mentions", user, s.messages_per_minute,
                        s.backlog};
  auto n = stream.available(core.now_ms() - core.start_ms());
  auto h = stream.account_hash();
  uint64_t lo = n > mention_reach ? n - mention_reach : 0;
  if (q.since_id)
    lo = std::max(lo, first_k_after(mention_id_base, h, *q.since_id));
  auto hi = n;
  if (q.until_id)
    hi = std::min(hi, first_k_from(mention_id_base, h, *q.until_id));
  if (q.page_end) hi = std::min(hi, *q.page_end);
  auto page = newest_first_page(lo, hi, q.max_results);
  json meta = {{"result_count", page.end - page.begin}};
  json body = json::object();
  if (page.end > page.begin) {
    json data = json::array();
    json users = json::array();
    for (auto k = page.end; k-- > page.begin;) {
      data.push_back(mention_json(stream, user, k, core.start_ms()));
      auto author = data.back()["author_id"].get<std::string>();
      if (q.expand_authors)
        users.push_back({{"id", author},
                         {"name", "Sim " + author},
                         {"username", "sim" + author}});
    }
    meta["newest_id"] = data.front()["id"];
    meta["oldest_id"] = data.back()["id"];
    body["data"] = std::move(data);
    if (q.expand_authors) body["includes"] = {{"users", std::move(users)}};
  }
  if (page.next_end) meta["next_token"] = to_base36(*page.next_end);
  body["meta"] = std::move(meta);
  core.count_served(user, page.end - page.begin);
  return http::json(200, body);
}

void on_mentions(const std::shared_ptr<sim_core>& core,
                 const fault_renderer& render, http::request req,
                 http::responder res) {
  if (bearer_token(req).empty()) return res(unauthorized()), void();
  auto user = req.param("id");
  core->serve(user, res, render, [&]() -> http::response {
    if (!all_digits(user))
      return invalid_request("id", "The `id` path parameter value is not a "
                                   "valid user id");
    auto parsed = parse_mention_query(req);
    if (auto* bad = std::get_if<http::response>(&parsed)) return *bad;
    auto window = spend(*core, user, mentions_endpoint);
    if (window.refusal) return *window.refusal;
    auto r = mentions_page(*core, user, std::get<mention_query>(parsed));
    add_rate_headers(r, window.decision);
    return r;
  });
}

// -- DM events ----------------------------------------------------------------

json dm_json(const account_stream& stream, const std::string& user, uint64_t k,
             int64_t start_ms) {
  auto h = stream.message_hash(k);
  auto sender = author_id(h);
  return {
      {"id", std::to_string(stream_id(dm_id_base, stream.account_hash(), k))},
      {"event_type", "MessageCreate"},
      {"text", "simulated direct message " + std::to_string(k)},
      {"sender_id", sender},
      {"dm_conversation_id", sender + "-" + user},
      {"created_at", rfc3339_at(start_ms + stream.arrival_ms(k))}};
}

/// Whether the csv `event_types` (absent: all three) asks for
/// MessageCreate, the only type the simulated streams hold; nullopt when it
/// names a type X does not have.
std::optional<bool> wants_messages(const http::request& req) {
  auto i = req.query.find("event_types");
  if (i == req.query.end()) return true;
  bool messages = false;
  std::string_view rest = i->second;
  for (;;) {
    auto comma = rest.find(',');
    auto name = rest.substr(0, comma);
    if (name == "MessageCreate")
      messages = true;
    else if (name != "ParticipantsJoin" && name != "ParticipantsLeave")
      return std::nullopt;
    if (comma == std::string_view::npos) return messages;
    rest.remove_prefix(comma + 1);
  }
}

http::response dm_page(sim_core& core, const std::string& user,
                       uint32_t max_results, std::optional<uint64_t> page_end,
                       bool messages) {
  const auto& s = core.settings();
  account_stream stream{s.seed, "dm", user, s.messages_per_minute, s.backlog};
  auto n = messages ? stream.available(core.now_ms() - core.start_ms()) : 0;
  auto page = newest_first_page(0, page_end ? std::min(n, *page_end) : n,
                                max_results);
  json meta = {{"result_count", page.end - page.begin}};
  json body = json::object();
  if (page.end > page.begin) {
    json data = json::array();
    for (auto k = page.end; k-- > page.begin;)
      data.push_back(dm_json(stream, user, k, core.start_ms()));
    body["data"] = std::move(data);
  }
  if (page.next_end) meta["next_token"] = to_base32_token(*page.next_end);
  body["meta"] = std::move(meta);
  core.count_served(user, page.end - page.begin);
  return http::json(200, body);
}

void on_dm_events(const std::shared_ptr<sim_core>& core,
                  const fault_renderer& render, http::request req,
                  http::responder res) {
  auto token = bearer_token(req);
  if (token.empty()) return res(unauthorized()), void();
  auto user = user_id_of_token(token);
  core->serve(user, res, render, [&]() -> http::response {
    auto max = max_results_of(req, 1, 100, 100);
    if (!max)
      return invalid_request("max_results",
                             "The `max_results` query parameter value is not "
                             "between 1 and 100");
    std::optional<uint64_t> page_end;
    if (auto i = req.query.find("pagination_token"); i != req.query.end()) {
      page_end = from_base32_token(i->second);
      if (!page_end)
        return invalid_request("pagination_token",
                               "The `pagination_token` query parameter value "
                               "is not valid");
    }
    auto messages = wants_messages(req);
    if (!messages)
      return invalid_request("event_types",
                             "The `event_types` query parameter value is not "
                             "one of [MessageCreate, ParticipantsJoin, "
                             "ParticipantsLeave]");
    auto window = spend(*core, user, dm_endpoint);
    if (window.refusal) return *window.refusal;
    auto r = dm_page(*core, user, *max, page_end, *messages);
    add_rate_headers(r, window.decision);
    return r;
  });
}

} // namespace

std::string user_id_of_token(std::string_view token) {
  auto dash = token.rfind('-');
  if (dash != std::string_view::npos && all_digits(token.substr(dash + 1)))
    return std::string{token.substr(dash + 1)};
  return std::to_string(100'000'000'000'000'000ULL
                        + stable_hash(0, token) % 900'000'000'000'000'000ULL);
}

void add_twitter_routes(http::router& routes, std::shared_ptr<sim_core> core) {
  routes.add(
      "GET", "/2/users/{id}/mentions",
      [core, render = twitter_faults(core, mentions_endpoint)](
          http::request req, http::responder res) {
        on_mentions(core, render, std::move(req), std::move(res));
      },
      http::auth::none);
  routes.add(
      "GET", "/2/dm_events",
      [core, render = twitter_faults(core, dm_endpoint)](http::request req,
                                                         http::responder res) {
        on_dm_events(core, render, std::move(req), std::move(res));
      },
      http::auth::none);
  routes.add(
      "GET", "/2/users/me",
      [](http::request req, http::responder res) {
        auto token = bearer_token(req);
        if (token.empty()) return res(unauthorized()), void();
        auto id = user_id_of_token(token);
        res(http::json(
            200,
            {{"data",
              {{"id", id}, {"name", "Sim " + id}, {"username", "sim" + id}}}}));
      },
      http::auth::none);
}

} // namespace switchboard::sim
