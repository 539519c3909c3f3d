#include "io/sim/smseagle_routes.hpp"

#include <nlohmann/json.hpp>

#include "io/rfc3339.hpp"
#include "io/sim/account_stream.hpp"
#include "io/sim/sim_core.hpp"
#include "io/sim/smseagle_request.hpp"
#include "io/sim/smseagle_state.hpp"

namespace switchboard::sim {

namespace {

using nlohmann::json;

constexpr int64_t sending_after_ms = 1000;
constexpr int64_t delivered_after_ms = 3000;
constexpr uint64_t inbox_senders = 20;

http::response message(int status, const std::string& text) {
  return http::json(status, {{"message", text}});
}

http::response not_found() {
  return message(404, "Resource(s) not found");
}

std::string date_at(int64_t epoch_ms) {
  return io::format_rfc3339_ms(std::chrono::system_clock::time_point{
      std::chrono::milliseconds{epoch_ms}});
}

http::response render_fault(const fault_rule& rule, const std::string&) {
  if (rule.kind == fault_kind::revoked) return message(401, "Unauthorized");
  if (rule.kind == fault_kind::rate_limit)
    return message(429, "Too many requests");
  return message(rule.status, "Internal server error");
}

http::response send(sim_core& core, smseagle_state& state,
                    const sms_send& req) {
  json out = json::array();
  for (const auto& number : req.recipients) {
    int64_t id = 0;
    if (!req.test)
      id = state.accept(number, req.text, req.encoding, req.validity,
                        core.now_ms());
    out.push_back({{"status", "queued"},
                   {"message", req.text},
                   {"number", number},
                   {"id", id}});
  }
  if (!req.test)
    core.count_accepted(req.recipients.front(), req.recipients.size());
  return http::json(200, out);
}

void on_send(const std::shared_ptr<sim_core>& core,
             const std::shared_ptr<smseagle_state>& state, bool single,
             http::request req, http::responder res) {
  if (req.header("access-token").empty())
    return res(message(401, "Unauthorized")), void();
  auto parsed = parse_sms_send(req.body, single);
  auto* ok = std::get_if<sms_send>(&parsed);
  auto account = ok ? ok->recipients.front() : std::string{"(invalid)"};
  core->serve(account, res, render_fault, [&]() -> http::response {
    if (!ok) return message(400, std::get<std::string>(parsed));
    return send(*core, *state, *ok);
  });
}

json sent_row(const stored_sms& sms, int64_t now_ms, int folder_id) {
  auto elapsed = now_ms - sms.inserted_ms;
  auto progress = progress_of(sms.record.number, elapsed);
  auto at = [&](int64_t after) -> json {
    return elapsed >= after ? json(date_at(sms.inserted_ms + after)) : json();
  };
  return {
      {"id", sms.record.id},
      {"number", sms.record.number},
      {"text", sms.record.text},
      {"attachments", nullptr},
      {"udh", nullptr},
      {"class", 255},
      {"encoding", sms.encoding},
      {"folder_id", folder_id},
      {"validity", sms.validity},
      {"sender_name", "remote"},
      {"modem_no", 1},
      {"status", progress.status},
      {"error_code", progress.status == "delivery_failed" ? json(27) : json()},
      {"insert_date", date_at(sms.inserted_ms)},
      {"sending_date", at(sending_after_ms)},
      {"delivery_date", at(delivered_after_ms)},
      {"update_date",
       date_at(sms.inserted_ms + std::min(elapsed, delivered_after_ms))}};
}

/// Applies id bounds, order, offset and limit to rows sorted by id.
json select_rows(std::vector<json> rows, const folder_query& q) {
  json out = json::array();
  std::vector<json> kept;
  for (auto& row : rows) {
    auto id = row["id"].get<int64_t>();
    if ((q.id_from && id < *q.id_from) || (q.id_to && id > *q.id_to)) continue;
    kept.push_back(std::move(row));
  }
  if (q.descending) std::reverse(kept.begin(), kept.end());
  for (std::size_t i = q.offset; i < kept.size() && out.size() < q.limit; ++i)
    out.push_back(std::move(kept[i]));
  return out;
}

std::vector<json> stored_rows(sim_core& core, smseagle_state& state,
                              const std::string& folder) {
  std::vector<json> rows;
  auto now = core.now_ms();
  for (const auto& sms : state.stored()) {
    if (progress_of(sms.record.number, now - sms.inserted_ms).folder != folder)
      continue;
    rows.push_back(sent_row(sms, now, folder == "sent" ? 3 : 2));
  }
  return rows;
}

std::vector<json> inbox_rows(sim_core& core, const folder_query& q) {
  const auto& s = core.settings();
  account_stream stream{s.seed, "sms-inbox", "device", s.messages_per_minute,
                        s.backlog};
  auto n = stream.available(core.now_ms() - core.start_ms());
  // Only the rows the bounds can select are built (ids are k + 1).
  uint64_t lo = q.id_from && *q.id_from > 1 ? uint64_t(*q.id_from - 1) : 0;
  uint64_t hi = q.id_to ? std::min<uint64_t>(n, uint64_t(*q.id_to)) : n;
  auto wanted = uint64_t(q.offset + q.limit);
  if (q.descending)
    lo = std::max(lo, hi > wanted ? hi - wanted : 0);
  else
    hi = std::min(hi, lo + wanted);
  std::vector<json> rows;
  for (auto k = lo; k < hi; ++k) {
    auto h = stream.message_hash(k);
    auto when = date_at(core.start_ms() + stream.arrival_ms(k));
    rows.push_back(
        {{"id", k + 1},
         {"number", "+48600" + std::to_string(100000 + h % inbox_senders)},
         {"text", "simulated incoming SMS " + std::to_string(k + 1)},
         {"encoding", "standard"},
         {"folder_id", 1},
         {"modem_no", 1},
         {"smsc", "+48790998250"},
         {"class", 255},
         {"udh", nullptr},
         {"read", false},
         {"insert_date", when},
         {"receive_date", when}});
  }
  return rows;
}

void on_folder(const std::shared_ptr<sim_core>& core,
               const std::shared_ptr<smseagle_state>& state, http::request req,
               http::responder res) {
  if (req.header("access-token").empty())
    return res(message(401, "Unauthorized")), void();
  auto folder = req.param("folder");
  core->serve(folder, res, render_fault, [&]() -> http::response {
    if (folder != "inbox" && folder != "outbox" && folder != "sent")
      return message(400, "unknown folder: use inbox, outbox or sent");
    auto parsed = parse_folder_query(req.query);
    if (auto* err = std::get_if<std::string>(&parsed))
      return message(400, *err);
    const auto& q = std::get<folder_query>(parsed);
    auto rows = folder == "inbox" ? inbox_rows(*core, q)
                                  : stored_rows(*core, *state, folder);
    auto selected = select_rows(std::move(rows), q);
    if (selected.empty()) return not_found();
    core->count_served(folder, selected.size());
    return http::json(200, selected);
  });
}

} // namespace

sms_progress progress_of(const std::string& number, int64_t elapsed_ms) {
  if (elapsed_ms < sending_after_ms) return {"outbox", "reserved"};
  if (elapsed_ms < delivered_after_ms) return {"sent", "delivery_pending"};
  auto fails
      = number.size() >= 2 && number.compare(number.size() - 2, 2, "99") == 0;
  return {"sent", fails ? "delivery_failed" : "delivery_ok"};
}

void add_smseagle_routes(http::router& routes, std::shared_ptr<sim_core> core,
                         std::shared_ptr<smseagle_state> state) {
  core->on_reset([state] {
    state->clear();
  });
  for (std::string prefix : {"", "/index.php"}) {
    for (bool single : {false, true})
      routes.add(
          "POST",
          prefix
              + (single ? "/api/v2/messages/sms_single"
                        : "/api/v2/messages/sms"),
          [core, state, single](http::request req, http::responder res) {
            on_send(core, state, single, std::move(req), std::move(res));
          },
          http::auth::none);
    routes.add(
        "GET", prefix + "/api/v2/messages/{folder}",
        [core, state](http::request req, http::responder res) {
          on_folder(core, state, std::move(req), std::move(res));
        },
        http::auth::none);
  }
  routes.add(
      "GET", "/_sim/messages",
      [state](http::request, http::responder res) {
        json items = json::array();
        for (const auto& r : state->accepted())
          items.push_back(
              {{"id", r.id}, {"number", r.number}, {"text", r.text}});
        res(http::json(200, {{"items", items}}));
      },
      http::auth::none);
}

} // namespace switchboard::sim
