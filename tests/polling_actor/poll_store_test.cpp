#define CAF_SUITE polling.poll_store

#include <memory>
#include <string>
#include <vector>

#include "caf/test/dsl.hpp"

#include "actors/polling/poll_store.hpp"
#include "io/crypto/keyring.hpp"
#include "messages/polling.hpp"
#include "messages/polling_ops.hpp"
#include "persistence/db_request.hpp"
#include "tests/support/test_system.hpp"

using namespace std::chrono;
using namespace switchboard;

namespace {

// A database stand-in that counts the tasks it runs (and runs none of them:
// the SQL is tested on PostgreSQL in polling_db).
struct fixture : test_coordinator_fixture<test::test_config> {
  fixture() {
    db = sys.spawn([this]() -> caf::behavior {
      return {[this](exec_atom, db_task& task) -> caf::result<db_reply> {
        labels.push_back(task.label);
        return db_reply{persistence::to_db_message(std::vector<poll_stored>{})};
      }};
    });
    polling::poll_store_options opts;
    opts.database = [this] {
      return caf::actor_cast<database_actor>(db);
    };
    opts.ring = std::make_shared<crypto::keyring>(
        std::vector<crypto::secret_key>{crypto::secret_key::generate()});
    opts.max_results = 200;
    opts.max_delay = milliseconds{5};
    store = polling::spawn_poll_store(sys, opts);
  }

  ~fixture() override {
    caf::anon_send_exit(store, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(db, caf::exit_reason::user_shutdown);
    sched.run();
  }

  poll_note note(int i, bool failed) {
    return poll_note{"acc-" + std::to_string(i), "transient", "HTTP 503", 4,
                     caf::make_timestamp(),      failed};
  }

  caf::actor db;
  caf::actor store;
  std::vector<std::string> labels;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(poll_store_tests, fixture)

CAF_TEST(a burst of failure notes is one database request) {
  for (int i = 0; i < 150; ++i)
    self->send(store, note(i, i % 2 == 0));
  sched.run();
  CAF_CHECK(labels.empty());
  advance_time(milliseconds{5});
  sched.run();
  CAF_CHECK_EQUAL(labels.size(), 1u);
  CAF_MESSAGE("notes and results share the batch limit");
  for (int i = 0; i < 199; ++i)
    self->send(store, note(i, true));
  self->request(
      store, caf::infinite,
      poll_result{
          "acc-1", {}, "", caf::make_timestamp(), caf::make_timestamp(), 0});
  sched.run();
  CAF_CHECK_EQUAL(labels.size(), 2u);
  CAF_CHECK_EQUAL(labels.back(), "poll batch store");
}

CAF_TEST_FIXTURE_SCOPE_END()
