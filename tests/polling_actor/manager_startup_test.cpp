#define CAF_SUITE polling.manager_startup

// The polling manager's start-up load on the test coordinator: a real
// supervisor and the real poller template, a database stand-in that counts
// the queries by label. Pollers started from the manager's pages must not
// query their own account; only one whose token did not open loads itself.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "caf/test/dsl.hpp"

#include "actors/polling/poller_template.hpp"
#include "actors/polling/polling_manager.hpp"
#include "io/crypto/keyring.hpp"
#include "messages/polling.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/accounts_repo.hpp"
#include "persistence/db_request.hpp"
#include "runtime/supervision/supervisor.hpp"
#include "tests/support/test_system.hpp"

using namespace std::chrono;
using namespace switchboard;
namespace accounts_repo = persistence::accounts_repo;

namespace {

polling_account account(const std::string& id) {
  polling_account acc;
  acc.account.id = id;
  acc.account.platform = "twitter";
  acc.account.user_id = "u-" + id;
  acc.account.status = account_status::active;
  acc.account.poll_interval_ms = 60000;
  acc.account.current_interval_ms = 60000;
  acc.access_token.value = "token-" + id;
  return acc;
}

struct fixture : test_coordinator_fixture<test::test_config> {
  fixture() {
    // Two pages: a1..a3 (then "a3" is the cursor), a4, a5 and "bad", whose
    // token did not open.
    pages.push_back({{account("a1"), account("a2"), account("a3")}, {}, "a3"});
    pages.push_back({{account("a4"), account("a5")}, {"bad"}, ""});
    db = sys.spawn([this]() -> caf::behavior {
      return {[this](exec_atom, db_task& task) -> caf::result<db_reply> {
        labels.push_back(task.label);
        if (task.label == "polling load accounts") {
          auto page = pages.front();
          pages.pop_front();
          return db_reply{persistence::to_db_message(page)};
        }
        if (task.label == "poller load")
          return db_reply{persistence::to_db_message(
              accounts_repo::polling_load{account("bad"), {}, {}})};
        return caf::make_error(errc::internal, "unexpected query");
      }};
    });
    auto pollers = std::make_shared<polling::poller_deps>();
    pollers->database = [this] {
      return caf::actor_cast<database_actor>(db);
    };
    pollers->http = [] {
      return http_client_actor{};
    };
    pollers->store = [] {
      return caf::actor{};
    };
    pollers->manager = [this] {
      return mgr;
    };
    pollers->ring = std::make_shared<crypto::keyring>(
        std::vector<crypto::secret_key>{crypto::secret_key::generate()});
    pollers->now = [] {
      return caf::make_timestamp();
    };
    auto deps = std::make_shared<polling::manager_deps>();
    deps->pollers = pollers;
    deps->poller_template = polling::make_poller_template(pollers);
    deps->load_page = 3;
    supervisor_options opts;
    opts.name = "polling_supervisor";
    sup = spawn_supervisor(sys, opts);
    sched.run();
    mgr = sys.spawn(polling::polling_manager, sup,
                    std::shared_ptr<const polling::manager_deps>{deps});
    sched.run();
  }

  ~fixture() override {
    caf::anon_send_exit(mgr, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(sup, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(db, caf::exit_reason::user_shutdown);
    sched.run();
  }

  size_t count(const std::string& label) const {
    return static_cast<size_t>(std::count(labels.begin(), labels.end(), label));
  }

  polling::manager_state& manager() {
    return deref<caf::stateful_actor<polling::manager_state>>(mgr).state;
  }

  std::deque<accounts_repo::polling_page> pages;
  std::vector<std::string> labels;
  caf::actor db;
  supervisor_actor sup;
  caf::actor mgr;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(manager_startup_tests, fixture)

CAF_TEST(pollers started from the load pages make no query of their own) {
  CAF_CHECK_EQUAL(count("polling load accounts"), 2u);
  CAF_CHECK_EQUAL(manager().loaded, 6u);
  CAF_CHECK_EQUAL(manager().load_seen, 6u);
  CAF_MESSAGE("only the account whose token did not open loaded itself");
  CAF_CHECK_EQUAL(count("poller load"), 1u);
  CAF_CHECK_EQUAL(labels.size(), 3u);
  auto stats = manager().table.snapshot(0);
  CAF_CHECK_EQUAL(stats.waiting, 6u);
}

CAF_TEST_FIXTURE_SCOPE_END()
