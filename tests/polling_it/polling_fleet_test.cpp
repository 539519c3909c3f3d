#define CAF_SUITE polling.fleet

// The polling domain end to end: the real wiring (manager, pollers under a
// supervisor), the real HTTP client over loopback to the in-process
// simulators with faults injected, and the real database pool on the
// embedded PostgreSQL. A node restart (the supervisor stopped and started
// again on the same database) happens mid-run.

#include <nlohmann/json.hpp>
#include <set>

#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/test/unit_test.hpp>

#include "io/gateways/twitter_cursor.hpp"
#include "io/gateways/twitter_dm_codec.hpp"
#include "io/http/client/http_client_actor.hpp"
#include "io/io_runtime.hpp"
#include "io/sim/simulators.hpp"
#include "messages/node.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/database_pool.hpp"
#include "persistence/polled_messages_repo.hpp"
#include "runtime/polling_wiring.hpp"
#include "runtime/supervision/supervisor.hpp"
#include "tests/polling_db/polling_database.hpp"
#include "tests/support/test_system.hpp"
#include "tests/support/wait_until.hpp"

using namespace std::chrono;
using namespace switchboard;

namespace {

constexpr int fleet_size = 200;
constexpr int64_t interval_ms = 200;

sim::fault_rule fault(sim::fault_kind kind, double probability,
                      std::string account = {}) {
  sim::fault_rule rule;
  rule.kind = kind;
  rule.probability = probability;
  rule.account = std::move(account);
  return rule;
}

std::string account_id(int i) {
  return "acc" + std::to_string(1000 + i);
}

// Every tenth account is a LinkedIn organization, the rest are X users.
bool is_linkedin(int i) {
  return i % 10 == 0;
}

struct fleet_fixture : test::polling_database {
  fleet_fixture() : sys(cfg_sys) {
    auto settings = sim::test_settings();
    settings.messages_per_minute = 300;
    settings.backlog = 3;
    settings.twitter_rate_limit = 100000;
    sims = std::make_unique<sim::simulators>(
        settings, std::vector<sim::platform>{sim::platform::twitter,
                                             sim::platform::linkedin});
    node_cfg.polling.encryption_key = key_hex;
    node_cfg.polling.default_interval_ms = interval_ms;
    node_cfg.polling.retry_base_ms = 50;
    node_cfg.polling.server_error_delay_ms = 300;
    node_cfg.http_client.total_timeout_ms = 2000;
    node_cfg.http_client.read_timeout_ms = 1000;
    node_cfg.simulators.enabled = true;
    node_cfg.simulators.twitter_port = sims->get(sim::platform::twitter).port();
    node_cfg.simulators.linkedin_port
        = sims->get(sim::platform::linkedin).port();
    start_services();
  }

  ~fleet_fixture() {
    stop_node();
    caf::scoped_actor self{sys};
    for (auto hdl : {caf::actor_cast<caf::actor>(client),
                     caf::actor_cast<caf::actor>(pool)}) {
      self->monitor(hdl);
      caf::anon_send_exit(hdl, caf::exit_reason::user_shutdown);
      self->receive([](const caf::down_msg&) {},
                    caf::after(seconds{5}) >> [] {});
    }
    io.stop();
  }

  void start_services() {
    persistence::pool_options opts;
    opts.conninfo = conninfo;
    opts.settings.pool_size = 4;
    opts.reconnect_delay = [](uint32_t) -> caf::timespan {
      return milliseconds{50};
    };
    pool = persistence::spawn_database_pool(sys, opts);
    sys.registry().put(database_atom_v,
                       caf::actor_cast<caf::strong_actor_ptr>(pool));
    client = http::client::spawn_http_client(sys, io.context(),
                                             node_cfg.http_client);
    sys.registry().put(http_client_atom_v,
                       caf::actor_cast<caf::strong_actor_ptr>(client));
  }

  void start_node() {
    supervisor_options opts;
    opts.name = "polling_supervisor";
    node = spawn_supervisor(sys, opts, polling_children(node_cfg, nullptr));
  }

  void stop_node() {
    if (!node) return;
    caf::scoped_actor self{sys};
    self->monitor(node);
    caf::anon_send_exit(node, caf::exit_reason::user_shutdown);
    self->receive([](const caf::down_msg&) {},
                  caf::after(seconds{15}) >> [] {});
    node = nullptr;
  }

  polling_stats stats() {
    caf::scoped_actor self{sys};
    polling_stats out;
    auto mgr = sys.registry().get(polling_manager_atom_v);
    if (!mgr) return out;
    self->request(caf::actor_cast<caf::actor>(mgr), seconds{5},
                  poll_stats_atom_v)
        .receive(
            [&](const polling_stats& x) {
              out = x;
            },
            [](const caf::error&) {});
    return out;
  }

  void connect_fleet() {
    for (int i = 0; i < fleet_size; ++i) {
      account_connection req;
      req.id = account_id(i);
      req.platform = is_linkedin(i) ? "linkedin" : "twitter";
      req.user_id = std::to_string(5000 + i);
      req.access_token.value = "user-" + req.user_id;
      req.poll_interval_ms = interval_ms;
      persistence::accounts_repo::connect(conn, key_ring, req,
                                          milliseconds{interval_ms});
    }
  }

  /// Every item (`data`) of every page of `req` from the simulator itself,
  /// following next_token to the end.
  std::vector<nlohmann::json> sim_items(http_request req,
                                        const std::string& user) {
    std::vector<nlohmann::json> items;
    caf::scoped_actor self{sys};
    req.headers = {{"Authorization", "Bearer user-" + user}};
    auto first = req.query;
    std::string token;
    for (;;) {
      req.query = first;
      if (!token.empty()) req.query.push_back({"pagination_token", token});
      std::string body;
      self->request(client, seconds{5}, req)
          .receive(
              [&](const http_response& res) {
                body = res.body;
              },
              [](const caf::error&) {});
      auto doc = nlohmann::json::parse(body, nullptr, false);
      if (doc.is_discarded()) break;
      if (doc.contains("data"))
        for (auto& m : doc["data"])
          items.push_back(m);
      if (!doc["meta"].contains("next_token")) break;
      token = doc["meta"]["next_token"].get<std::string>();
    }
    return items;
  }

  /// Ids of the X user's mentions not newer than `cursor`, from the
  /// simulator itself (until_id pages newest first).
  std::set<std::string> sim_mentions_upto(const std::string& user,
                                          const std::string& cursor) {
    std::set<std::string> ids{cursor};
    http_request req;
    req.url = sims->get(sim::platform::twitter).base_url() + "/2/users/" + user
              + "/mentions";
    req.query = {{"max_results", "100"}, {"until_id", cursor}};
    for (auto& m : sim_items(req, user))
      ids.insert(m["id"].get<std::string>());
    return ids;
  }

  /// Ids of the X user's DM events not newer than `dm_cursor`, from the
  /// simulator itself (newest first, paged to the end).
  std::set<std::string> sim_dms_upto(const std::string& user,
                                     const std::string& dm_cursor) {
    std::set<std::string> ids;
    http_request req;
    req.url = sims->get(sim::platform::twitter).base_url() + "/2/dm_events";
    req.query = {{"max_results", "100"}};
    for (auto& m : sim_items(req, user)) {
      auto id = m["id"].get<std::string>();
      if (!gateways::newer_id(id, dm_cursor)) ids.insert(id);
    }
    return ids;
  }

  /// The stored mention ids and DM event ids (without their prefix).
  struct stored_split {
    std::set<std::string> mentions;
    std::set<std::string> dms;
  };

  stored_split stored_by_stream(const std::string& account) {
    stored_split out;
    std::string prefix = gateways::twitter_dm_id_prefix;
    for (auto& id : stored_ids(account))
      if (id.compare(0, prefix.size(), prefix) == 0)
        out.dms.insert(id.substr(prefix.size()));
      else
        out.mentions.insert(id);
    return out;
  }

  std::set<std::string> stored_ids(const std::string& account) {
    std::set<std::string> ids;
    for (auto row : exec("SELECT platform_message_id FROM messages "
                         "WHERE account_id = $1",
                         account))
      ids.insert(row[0].as<std::string>());
    return ids;
  }

  std::string cursor_of(const std::string& account) {
    auto r = exec("SELECT coalesce(cursor, '') FROM connected_accounts "
                  "WHERE id = $1",
                  account);
    return r.empty() ? "" : r[0][0].as<std::string>();
  }

  size_t count_sql(const std::string& sql) {
    return exec(sql)[0][0].as<size_t>();
  }

  std::string key_hex = crypto::secret_key::generate().to_hex();
  crypto::keyring key_ring{{crypto::secret_key::parse(key_hex)}};
  test::test_config cfg_sys;
  caf::actor_system sys;
  io::io_runtime io{1};
  std::unique_ptr<sim::simulators> sims;
  config node_cfg;
  database_actor pool;
  http_client_actor client;
  supervisor_actor node;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(polling_fleet_tests, fleet_fixture)

CAF_TEST(a fleet with faults stores every message once across a restart) {
  connect_fleet();
  auto& twitter = sims->get(sim::platform::twitter);
  // Faults: some 5xx, resets, malformed bodies, short rate limits, and one
  // revoked token.
  twitter.add_fault(fault(sim::fault_kind::server_error, 0.03));
  twitter.add_fault(fault(sim::fault_kind::reset, 0.03));
  twitter.add_fault(fault(sim::fault_kind::malformed, 0.02));
  auto limit = fault(sim::fault_kind::rate_limit, 0.02);
  limit.reset_after_ms = 400;
  twitter.add_fault(limit);
  twitter.add_fault(fault(sim::fault_kind::revoked, 1.0, "5001"));
  start_node();
  CAF_MESSAGE("first run: polls complete across the fleet");
  auto polled = test::wait_until(
      [&] {
        return stats().completed >= 3 * fleet_size;
      },
      seconds{60});
  CAF_REQUIRE(polled);
  CAF_MESSAGE("node restart mid-run");
  stop_node();
  auto completed_before = count_sql("SELECT count(*) FROM messages "
                                    "WHERE account_id IS NOT NULL");
  CAF_CHECK_GREATER(completed_before, 0u);
  start_node();
  auto again = test::wait_until(
      [&] {
        return stats().completed >= 3 * fleet_size;
      },
      seconds{60});
  CAF_REQUIRE(again);
  auto s = stats();
  CAF_MESSAGE("stats: waiting " << s.waiting << " active " << s.active
                                << " delayed " << s.delayed << " failed "
                                << s.failed << " parked " << s.parked);
  stop_node();
  CAF_MESSAGE("the revoked account is parked");
  auto status = exec("SELECT status FROM connected_accounts WHERE id = $1",
                     account_id(1));
  CAF_REQUIRE(!status.empty());
  CAF_CHECK_EQUAL(status[0][0].as<std::string>(), "needs_reauth");
  CAF_MESSAGE("no body is stored in plaintext");
  CAF_CHECK_EQUAL(count_sql("SELECT count(*) FROM messages WHERE "
                            "position('simulated'::bytea in content_enc) > 0"),
                  0u);
  CAF_MESSAGE("every X mention and DM up to each cursor is stored, once");
  // The simulator's own answers, without faults, are the reference.
  twitter.reset();
  size_t checked = 0;
  size_t with_dms = 0;
  for (int i = 0; i < fleet_size; ++i) {
    if (is_linkedin(i) || i == 1) continue;
    auto id = account_id(i);
    auto text = cursor_of(id);
    if (text.empty()) continue;
    auto cursor = gateways::parse_twitter_cursor(text);
    CAF_REQUIRE(cursor);
    CAF_CHECK_EQUAL(text.compare(0, 4, "tw2:"), 0);
    auto user = std::to_string(5000 + i);
    auto stored = stored_by_stream(id);
    if (!cursor->mentions.empty()) {
      auto expected = sim_mentions_upto(user, cursor->mentions);
      std::set<std::string> stored_upto;
      for (auto& x : stored.mentions)
        if (!gateways::newer_id(x, cursor->mentions)) stored_upto.insert(x);
      CAF_CHECK_EQUAL(stored_upto.size(), expected.size());
      CAF_CHECK(stored_upto == expected);
    }
    if (!cursor->dms.empty()) {
      auto expected = sim_dms_upto(user, cursor->dms);
      std::set<std::string> stored_upto;
      for (auto& x : stored.dms)
        if (!gateways::newer_id(x, cursor->dms)) stored_upto.insert(x);
      CAF_CHECK_EQUAL(stored_upto.size(), expected.size());
      CAF_CHECK(stored_upto == expected);
      ++with_dms;
    }
    ++checked;
  }
  CAF_CHECK_GREATER(checked, size_t{fleet_size * 8 / 10});
  CAF_CHECK_GREATER(with_dms, size_t{fleet_size * 8 / 10});
  CAF_MESSAGE("DMs are stored under the DM conversation and sender");
  CAF_CHECK_GREATER(count_sql("SELECT count(*) FROM messages WHERE "
                              "platform_message_id LIKE 'dm:%' AND "
                              "conversation_id LIKE sender || '-%'"),
                    0u);
  CAF_CHECK_EQUAL(count_sql("SELECT count(*) FROM messages WHERE "
                            "platform_message_id LIKE 'dm:%' AND "
                            "(conversation_id IS NULL OR sender IS NULL)"),
                  0u);
  CAF_CHECK_EQUAL(count_sql("SELECT count(*) - count(DISTINCT (account_id, "
                            "platform_message_id)) FROM messages"),
                  0u);
  CAF_MESSAGE("LinkedIn organizations got their comments");
  CAF_CHECK_GREATER(count_sql("SELECT count(*) FROM messages m JOIN "
                              "connected_accounts a ON a.id = m.account_id "
                              "WHERE a.platform = 'linkedin'"),
                    0u);
  CAF_MESSAGE("stored bodies decrypt to the simulator's text");
  auto page = persistence::polled_messages_repo::list(conn, key_ring,
                                                      account_id(2), "", 200);
  CAF_REQUIRE(!page.messages.empty());
  size_t mentions = 0;
  size_t dms = 0;
  for (auto& m : page.messages) {
    auto dm
        = m.platform_message_id.rfind(gateways::twitter_dm_id_prefix, 0) == 0;
    ++(dm ? dms : mentions);
    CAF_CHECK(
        m.body.value.find(dm ? "simulated direct message" : "simulated mention")
        != std::string::npos);
  }
  CAF_CHECK_GREATER(mentions, 0u);
  CAF_CHECK_GREATER(dms, 0u);
}

CAF_TEST(an account stored with a plain since_id keeps it and gains DMs) {
  // A database written before DMs were polled holds the mentions since_id
  // alone; the next poll must read it as such, not re-fetch older mentions,
  // and start storing DM events.
  account_connection req;
  req.id = "legacy";
  req.platform = "twitter";
  req.user_id = "7000";
  req.access_token.value = "user-7000";
  req.poll_interval_ms = interval_ms;
  persistence::accounts_repo::connect(conn, key_ring, req,
                                      milliseconds{interval_ms});
  std::string legacy;
  {
    caf::scoped_actor self{sys};
    http_request get;
    get.url = sims->get(sim::platform::twitter).base_url()
              + "/2/users/7000/mentions";
    get.headers = {{"Authorization", "Bearer user-7000"}};
    self->request(client, seconds{5}, get)
        .receive(
            [&](const http_response& res) {
              auto doc = nlohmann::json::parse(res.body, nullptr, false);
              if (!doc.is_discarded())
                legacy = doc["meta"].value("newest_id", "");
            },
            [](const caf::error&) {});
  }
  CAF_REQUIRE(!legacy.empty());
  exec("UPDATE connected_accounts SET cursor = $1 WHERE id = 'legacy'", legacy);
  start_node();
  auto upgraded = test::wait_until(
      [&] {
        auto c = gateways::parse_twitter_cursor(cursor_of("legacy"));
        return c && !c->dms.empty() && stats().completed >= 3;
      },
      seconds{30});
  stop_node();
  CAF_REQUIRE(upgraded);
  auto cursor = gateways::parse_twitter_cursor(cursor_of("legacy"));
  CAF_REQUIRE(cursor);
  CAF_CHECK(!gateways::newer_id(legacy, cursor->mentions));
  auto stored = stored_by_stream("legacy");
  CAF_MESSAGE("no mention at or before the old since_id was fetched again");
  for (auto& id : stored.mentions)
    CAF_CHECK(gateways::newer_id(id, legacy));
  CAF_MESSAGE("every DM up to the DM cursor is stored, once");
  auto expected = sim_dms_upto("7000", cursor->dms);
  std::set<std::string> stored_upto;
  for (auto& x : stored.dms)
    if (!gateways::newer_id(x, cursor->dms)) stored_upto.insert(x);
  CAF_CHECK(!expected.empty());
  CAF_CHECK(stored_upto == expected);
  CAF_CHECK_EQUAL(count_sql("SELECT count(*) FROM messages WHERE account_id "
                            "= 'legacy' AND platform_message_id LIKE 'dm:%'"),
                  stored.dms.size());
}

CAF_TEST_FIXTURE_SCOPE_END()
