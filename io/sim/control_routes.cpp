#include "io/sim/control_routes.hpp"

#include <nlohmann/json.hpp>

#include "io/rfc3339.hpp"
#include "io/sim/sim_core.hpp"
#include "io/sim/simulators.hpp"

namespace switchboard::sim {

namespace {

using nlohmann::json;

json counters_json(const account_counters& c) {
  return {{"requests", c.requests},
          {"concurrent", c.concurrent},
          {"max_concurrent", c.max_concurrent},
          {"messages_served", c.messages_served},
          {"messages_accepted", c.messages_accepted},
          {"rate_limited", c.rate_limited},
          {"errors_injected", c.errors_injected}};
}

json clock_json(const sim_core& core) {
  auto now = core.now_ms();
  return {{"now", io::format_rfc3339_ms(std::chrono::system_clock::time_point{
                      std::chrono::milliseconds{now}})},
          {"now_ms", now},
          {"started_ms", core.start_ms()}};
}

void on_stats(sim_core& core, const http::request& req,
              const http::responder& res) {
  auto account = req.query.find("account");
  auto per_account = req.query.find("accounts");
  bool with_accounts
      = per_account == req.query.end() || per_account->second != "false";
  auto snapshot = core.stats(with_accounts || account != req.query.end());
  auto body = stats_json(snapshot);
  body["platform"] = platform_name(core.kind());
  if (account != req.query.end()) {
    body["accounts"]
        = {{account->second, counters_json(snapshot.account(account->second))}};
  } else if (!with_accounts) {
    body.erase("accounts");
  }
  res(http::json(200, body));
}

void on_add_faults(sim_core& core, const http::request& req,
                   const http::responder& res) {
  auto parsed = parse_fault_rules(req.body);
  if (auto* err = std::get_if<std::string>(&parsed))
    return res(http::error(400, "invalid_fault", *err)), void();
  for (auto& rule : std::get<std::vector<fault_rule>>(parsed))
    core.add_fault(rule);
  json list = json::array();
  for (const auto& rule : core.faults())
    list.push_back(fault_json(rule));
  res(http::json(200, {{"faults", list}}));
}

void on_clock(sim_core& core, const http::request& req,
              const http::responder& res) {
  auto parsed = http::parse_json_body(req.body);
  if (auto* bad = std::get_if<http::response>(&parsed))
    return res(std::move(*bad)), void();
  auto& body = std::get<json>(parsed);
  auto by = body.is_object() ? body.find("advance_ms") : body.end();
  if (by == body.end() || !by->is_number_integer() || by->get<int64_t>() < 0)
    return res(http::error(400, "invalid_clock",
                           "advance_ms must be a non-negative integer")),
           void();
  core.advance(std::chrono::milliseconds{by->get<int64_t>()});
  res(http::json(200, clock_json(core)));
}

} // namespace

json stats_json(const stats_snapshot& stats) {
  json body = counters_json(stats.total);
  json kinds = json::object();
  for (const auto& [kind, n] : stats.errors_by_kind)
    kinds[kind] = n;
  body["errors_by_kind"] = std::move(kinds);
  json accounts = json::object();
  for (const auto& [id, counters] : stats.accounts)
    accounts[id] = counters_json(counters);
  body["accounts"] = std::move(accounts);
  return body;
}

json fault_json(const fault_rule& rule) {
  json out
      = {{"kind", fault_name(rule.kind)}, {"probability", rule.probability}};
  if (!rule.account.empty()) out["account"] = rule.account;
  if (rule.count) out["remaining"] = *rule.count;
  if (rule.kind == fault_kind::server_error) out["status"] = rule.status;
  if (rule.kind == fault_kind::slow || rule.kind == fault_kind::hang)
    out["delay_ms"] = rule.delay_ms;
  if (rule.kind == fault_kind::rate_limit)
    out["reset_after_ms"] = rule.reset_after_ms;
  return out;
}

void add_control_routes(http::router& routes, std::shared_ptr<sim_core> core) {
  routes.add(
      "GET", "/_sim/stats",
      [core](http::request req, http::responder res) {
        on_stats(*core, req, res);
      },
      http::auth::none);
  routes.add(
      "POST", "/_sim/faults",
      [core](http::request req, http::responder res) {
        on_add_faults(*core, req, res);
      },
      http::auth::none);
  routes.add(
      "GET", "/_sim/faults",
      [core](http::request, http::responder res) {
        json list = json::array();
        for (const auto& rule : core->faults())
          list.push_back(fault_json(rule));
        res(http::json(200, {{"faults", list}}));
      },
      http::auth::none);
  routes.add(
      "POST", "/_sim/reset",
      [core](http::request, http::responder res) {
        core->reset();
        res(http::json(200, {{"reset", true}}));
      },
      http::auth::none);
  routes.add(
      "POST", "/_sim/clock",
      [core](http::request req, http::responder res) {
        on_clock(*core, req, res);
      },
      http::auth::none);
  routes.add(
      "GET", "/_sim/clock",
      [core](http::request, http::responder res) {
        res(http::json(200, clock_json(*core)));
      },
      http::auth::none);
}

} // namespace switchboard::sim
