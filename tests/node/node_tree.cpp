// The node supervisor against a real PostgreSQL: its children, the database
// reachable through the registry, and a crashed pool restarted by the tree.

#define CAF_SUITE node.tree
#include <algorithm>
#include <chrono>
#include <prometheus/registry.h>

#include "caf/test/unit_test.hpp"
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "messages/database.hpp"
#include "messages/error.hpp"
#include "messages/node.hpp"
#include "messages/supervision.hpp"
#include "runtime/node.hpp"
#include "tests/support/pg_harness.hpp"
#include "tests/support/test_system.hpp"
#include "tests/support/wait_until.hpp"

using namespace switchboard;
using namespace std::chrono_literals;

namespace {

struct fixture {
  fixture() {
    // Fast restarts keep the real-time waits below short.
    cfg.supervision.backoff_base_ms = 10;
    cfg.supervision.backoff_cap_ms = 100;
    node
        = spawn_node(sys, {&cfg, test::pg_harness::get().conninfo(), &metrics});
  }

  ~fixture() {
    self->send_exit(node, caf::exit_reason::user_shutdown);
    self->wait_for(node);
  }

  caf::actor registered_database() {
    return caf::actor_cast<caf::actor>(sys.registry().get(database_atom_v));
  }

  std::vector<child_info> children() {
    std::vector<child_info> result;
    self->request(node, 5s, caf::get_atom_v)
        .receive(
            [&](std::vector<child_info>& xs) {
              result = std::move(xs);
            },
            [](const caf::error& err) {
              CAF_FAIL(render(err));
            });
    return result;
  }

  bool database_reachable() {
    auto db = caf::actor_cast<database_actor>(registered_database());
    if (!db) return false;
    bool reachable = false;
    self->request(db, 5s, caf::ping_atom_v)
        .receive(
            [&](const db_ping& ping) {
              reachable = ping.reachable;
            },
            [](const caf::error&) {});
    return reachable;
  }

  config cfg;
  test::test_config actor_cfg;
  caf::actor_system sys{actor_cfg};
  caf::scoped_actor self{sys};
  prometheus::Registry metrics;
  supervisor_actor node;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(node_tree_tests, fixture)

CAF_TEST(the node starts the database and every domain supervisor) {
  auto xs = children();
  auto has = [&](const std::string& name, const std::string& kind) {
    return std::any_of(xs.begin(), xs.end(), [&](const child_info& x) {
      return x.name == name && x.kind == kind
             && x.state == child_state::running;
    });
  };
  CAF_CHECK(has("database", "database"));
  CAF_CHECK(has("cron", "cron"));
  for (const auto& domain : domain_supervisors()) {
    CAF_CHECK(has(domain.name, "supervisor"));
    CAF_CHECK(sys.registry().get(domain.key) != nullptr);
  }
  // The database, the domain supervisors and cron.
  CAF_CHECK_EQUAL(xs.size(), domain_supervisors().size() + 2);
}

CAF_TEST(the database answers through the registry) {
  CAF_CHECK(test::wait_until(
      [&] {
        return database_reachable();
      },
      10s));
}

CAF_TEST(a crashed database pool is restarted and registered again) {
  CAF_REQUIRE(test::wait_until(
      [&] {
        return database_reachable();
      },
      10s));
  auto old = registered_database();
  self->send_exit(old, caf::exit_reason::kill);
  CAF_CHECK(test::wait_until(
      [&] {
        auto now = registered_database();
        return now && now != old;
      },
      10s));
  CAF_CHECK(test::wait_until(
      [&] {
        return database_reachable();
      },
      10s));
  auto xs = children();
  auto db = std::find_if(xs.begin(), xs.end(), [](const child_info& x) {
    return x.name == "database";
  });
  CAF_REQUIRE(db != xs.end());
  CAF_CHECK_EQUAL(db->restarts, 1u);
}

CAF_TEST(stopping the node stops its children) {
  auto before = children();
  CAF_REQUIRE(!before.empty());
  CAF_REQUIRE(test::wait_until(
      [&] {
        return bool{registered_database()};
      },
      10s));
  auto db = registered_database();
  self->send_exit(node, caf::exit_reason::user_shutdown);
  self->wait_for(node);
  CAF_CHECK(test::wait_until(
      [&] {
        return !registered_database();
      },
      10s));
  self->wait_for(db);
}

CAF_TEST_FIXTURE_SCOPE_END()
