#include "io/sim/fcm_routes.hpp"

#include <nlohmann/json.hpp>

#include "io/http/url.hpp"
#include "io/sim/fcm_request.hpp"
#include "io/sim/fcm_state.hpp"
#include "io/sim/sim_core.hpp"

namespace switchboard::sim {

namespace {

using nlohmann::json;

constexpr const char* fcm_error_type
    = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

/// Google's JSON error envelope, with an FcmError detail when `error_code`
/// is set.
http::response google_error(int http_status, const std::string& status,
                            const std::string& message,
                            const std::string& error_code = {}) {
  json error
      = {{"code", http_status}, {"message", message}, {"status", status}};
  if (!error_code.empty())
    error["details"]
        = json::array({{{"@type", fcm_error_type}, {"errorCode", error_code}}});
  return http::json(http_status, {{"error", error}});
}

http::response unauthenticated() {
  return google_error(401, "UNAUTHENTICATED",
                      "Request had invalid authentication credentials. "
                      "Expected OAuth 2 access token, login cookie or other "
                      "valid authentication credential.");
}

void retry_after(http::response& r, uint32_t ms) {
  r.headers.emplace_back("Retry-After", std::to_string((ms + 999) / 1000));
}

http::response render_fault(const fault_rule& rule, const std::string&) {
  if (rule.kind == fault_kind::revoked) return unauthenticated();
  if (rule.kind == fault_kind::rate_limit) {
    auto r = google_error(429, "RESOURCE_EXHAUSTED",
                          "Quota exceeded for quota metric 'Messages' of "
                          "service 'fcm.googleapis.com'.",
                          "QUOTA_EXCEEDED");
    retry_after(r, rule.reset_after_ms ? rule.reset_after_ms : 60'000);
    return r;
  }
  auto r = rule.status == 503
               ? google_error(503, "UNAVAILABLE",
                              "The service is currently unavailable.",
                              "UNAVAILABLE")
               : google_error(rule.status, "INTERNAL",
                              "Internal error encountered.", "INTERNAL");
  if (rule.reset_after_ms) retry_after(r, rule.reset_after_ms);
  return r;
}

http::response refuse_token(device_state state) {
  switch (state) {
  case device_state::unregistered:
    return google_error(404, "NOT_FOUND", "Requested entity was not found.",
                        "UNREGISTERED");
  case device_state::foreign:
    return google_error(403, "PERMISSION_DENIED", "SenderId mismatch",
                        "SENDER_ID_MISMATCH");
  default:
    return google_error(400, "INVALID_ARGUMENT",
                        "The registration token is not a valid FCM "
                        "registration token",
                        "INVALID_ARGUMENT");
  }
}

http::response deliver(sim_core& core, fcm_state& state,
                       const std::string& project, fcm_send send) {
  if (send.is_token) {
    auto device = state.token_state(send.target);
    if (device != device_state::valid) return refuse_token(device);
  }
  if (send.validate_only)
    return http::json(
        200, {{"name", "projects/" + project + "/messages/fake_message_id"}});
  auto name = state.accept(project, send.target, std::move(send.message_json));
  core.count_accepted(send.target, 1);
  return http::json(200, {{"name", name}});
}

void on_send(const std::shared_ptr<sim_core>& core,
             const std::shared_ptr<fcm_state>& state, http::request req,
             http::responder res) {
  if (bearer_token(req).empty()) return res(unauthenticated()), void();
  auto parsed = parse_fcm_send(req.body);
  auto* send = std::get_if<fcm_send>(&parsed);
  auto account = send ? send->target : std::string{"(invalid)"};
  core->serve(account, res, render_fault, [&]() -> http::response {
    if (!send) {
      const auto& refusal = std::get<fcm_refusal>(parsed);
      return google_error(refusal.http_status, refusal.status, refusal.message,
                          refusal.error_code);
    }
    return deliver(*core, *state, req.param("project"), std::move(*send));
  });
}

/// The OAuth token endpoint: a JWT bearer grant for any assertion.
void on_token(const http::request& req, const http::responder& res) {
  auto form = http::parse_query("?" + req.body);
  auto grant = form.find("grant_type");
  if (grant == form.end()
      || grant->second != "urn:ietf:params:oauth:grant-type:jwt-bearer"
      || form["assertion"].empty())
    return res(http::json(400, {{"error", "invalid_grant"},
                                {"error_description",
                                 "a JWT bearer grant with an assertion is "
                                 "required"}})),
           void();
  static std::atomic<uint64_t> issued{0};
  res(http::json(200, {{"access_token", "ya29.sim-" + std::to_string(++issued)},
                       {"expires_in", 3599},
                       {"token_type", "Bearer"}}));
}

json record_json(const fcm_record& r) {
  return {{"name", r.name},
          {"project", r.project},
          {"target", r.target},
          {"message", json::parse(r.message_json, nullptr, false)}};
}

void on_set_token(fcm_state& state, const http::request& req,
                  const http::responder& res) {
  auto body = json::parse(req.body, nullptr, false);
  static const std::map<std::string, device_state> states{
      {"valid", device_state::valid},
      {"unregistered", device_state::unregistered},
      {"invalid", device_state::invalid},
      {"foreign", device_state::foreign}};
  auto token = body.is_object() ? body.find("token") : body.end();
  auto st = body.is_object() ? body.find("state") : body.end();
  if (token == body.end() || !token->is_string() || st == body.end()
      || !st->is_string() || !states.count(st->get<std::string>()))
    return res(http::error(400, "invalid_token_state",
                           "expected {\"token\": string, \"state\": valid, "
                           "unregistered, invalid or foreign}")),
           void();
  state.set_token_state(token->get<std::string>(),
                        states.at(st->get<std::string>()));
  res(http::json(200, {{"token", *token}, {"state", *st}}));
}

} // namespace

void add_fcm_routes(http::router& routes, std::shared_ptr<sim_core> core,
                    std::shared_ptr<fcm_state> state) {
  core->on_reset([state] {
    state->clear();
  });
  routes.add(
      "POST", "/v1/projects/{project}/messages:send",
      [core, state](http::request req, http::responder res) {
        on_send(core, state, std::move(req), std::move(res));
      },
      http::auth::none);
  routes.add("POST", "/token", on_token, http::auth::none);
  routes.add(
      "GET", "/_sim/messages",
      [state](http::request, http::responder res) {
        json items = json::array();
        for (const auto& r : state->accepted())
          items.push_back(record_json(r));
        res(http::json(200, {{"items", items}}));
      },
      http::auth::none);
  routes.add(
      "POST", "/_sim/tokens",
      [state](http::request req, http::responder res) {
        on_set_token(*state, req, res);
      },
      http::auth::none);
}

} // namespace switchboard::sim
