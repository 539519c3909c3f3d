#define CAF_SUITE supervision.supervisor_dynamic
#include <stdexcept>

#include "supervisor_fixture.hpp"

using namespace switchboard;
using namespace switchboard::test;

namespace {

struct dynamic_fixture : fixture {
  dynamic_fixture() {
    sup = start_sup(test_options("polling"), {});
    poller = make_template("account_poller", logged_start(log),
                           restart_type::transient);
  }

  caf::actor start(const std::string& name) {
    return ask<caf::actor>(sup, caf::spawn_atom_v, child_spec{name, poller});
  }

  supervisor_actor sup;
  child_template_ptr poller;
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(supervisor_dynamic_tests, dynamic_fixture)

CAF_TEST(starting a child is idempotent by name) {
  auto first = start("acc-1");
  CAF_REQUIRE(first);
  CAF_CHECK_EQUAL(first, log->last("acc-1"));
  auto again = start("acc-1");
  CAF_CHECK_EQUAL(again, first);
  CAF_CHECK_EQUAL(log->count("acc-1"), 1u);
  auto info_1 = info(sup, "acc-1");
  CAF_CHECK_EQUAL(info_1.kind, "account_poller");
  CAF_CHECK(info_1.state == child_state::running);
  CAF_CHECK_EQUAL(info_1.id, first.id());
}

CAF_TEST(starting a restarting child returns no handle and starts nothing) {
  start("acc-1");
  fail(log->last("acc-1"));
  CAF_CHECK(!start("acc-1"));
  CAF_CHECK_EQUAL(log->count("acc-1"), 1u);
  CAF_CHECK_EQUAL(timers(), 1u);
}

CAF_TEST(a batch starts one child per new name from one template) {
  start("acc-2");
  child_batch batch{poller, {"acc-1", "acc-2", "acc-3", "acc-1"}};
  CAF_CHECK_EQUAL(ask<uint64_t>(sup, caf::spawn_atom_v, batch), 2u);
  CAF_CHECK_EQUAL(log->starts.size(), 3u);
  CAF_CHECK_EQUAL(log->count("acc-2"), 1u);
  CAF_CHECK_EQUAL(summary(sup).children, 3u);
}

CAF_TEST(batch args reach the first instance only and restarts start plain) {
  // Which start function made each instance, and with which argument.
  auto seen = std::make_shared<std::vector<std::string>>();
  auto plain = logged_start(log);
  auto tmpl = std::make_shared<child_template>(*poller);
  tmpl->start = [seen, plain](caf::local_actor* sup, const std::string& name) {
    seen->push_back(name + ":plain");
    return plain(sup, name);
  };
  tmpl->start_with
      = [seen, plain](caf::local_actor* sup, const std::string& name,
                      const caf::message& arg) {
          seen->push_back(name + ":" + arg.get_as<std::string>(0));
          return plain(sup, name);
        };
  start("acc-2");
  child_batch batch{tmpl,
                    {"acc-1", "acc-2"},
                    {caf::make_message(std::string{"row-1"}),
                     caf::make_message(std::string{"row-2"})}};
  CAF_CHECK_EQUAL(ask<uint64_t>(sup, caf::spawn_atom_v, batch), 1u);
  CAF_REQUIRE_EQUAL(seen->size(), 1u);
  CAF_CHECK_EQUAL(seen->at(0), "acc-1:row-1");
  fail(log->last("acc-1"));
  advance_time(std::chrono::seconds{1});
  sched.run();
  CAF_REQUIRE_EQUAL(seen->size(), 2u);
  CAF_CHECK_EQUAL(seen->at(1), "acc-1:plain");
  CAF_MESSAGE("args that do not match the names are refused");
  child_batch uneven{tmpl, {"x", "y"}, {caf::make_message(std::string{"r"})}};
  auto err = ask_error<uint64_t>(sup, caf::spawn_atom_v, uneven);
  CAF_CHECK(err == errc::invalid_argument);
  CAF_CHECK_EQUAL(seen->size(), 2u);
}

CAF_TEST(a child stopped by name is not restarted and its name is free) {
  auto child = start("acc-1");
  self->monitor(child);
  CAF_CHECK(ask<caf::ok_atom>(sup, stop_atom_v, std::string{"acc-1"})
            == caf::ok_atom_v);
  auto down = next_down();
  CAF_CHECK_EQUAL(down.source, child.address());
  CAF_CHECK_EQUAL(timers(), 0u);
  CAF_CHECK(ask_error<child_info>(sup, caf::get_atom_v, std::string{"acc-1"})
            == errc::not_found);
  auto s = summary(sup);
  CAF_CHECK_EQUAL(s.children, 0u);
  CAF_CHECK_EQUAL(s.stopping, 0u);
  CAF_MESSAGE("the name can be used again");
  auto fresh = start("acc-1");
  CAF_CHECK_NOT_EQUAL(fresh, child);
  CAF_CHECK_EQUAL(log->count("acc-1"), 2u);
}

CAF_TEST(stopping an unknown child fails with not_found) {
  CAF_CHECK(ask_error<caf::ok_atom>(sup, stop_atom_v, std::string{"nope"})
            == errc::not_found);
}

CAF_TEST(children are listed in name order one page at a time) {
  child_batch batch{poller, {"e", "b", "d", "a", "c"}};
  ask<uint64_t>(sup, caf::spawn_atom_v, batch);
  auto all = ask<std::vector<child_info>>(sup, caf::get_atom_v);
  CAF_REQUIRE_EQUAL(all.size(), 5u);
  CAF_CHECK_EQUAL(all.front().name, "a");
  CAF_CHECK_EQUAL(all.back().name, "e");
  auto page = ask<std::vector<child_info>>(sup, caf::get_atom_v,
                                           std::string{"b"}, uint32_t{2});
  CAF_REQUIRE_EQUAL(page.size(), 2u);
  CAF_CHECK_EQUAL(page[0].name, "c");
  CAF_CHECK_EQUAL(page[1].name, "d");
  auto last = ask<std::vector<child_info>>(sup, caf::get_atom_v,
                                           std::string{"d"}, uint32_t{10});
  CAF_REQUIRE_EQUAL(last.size(), 1u);
  CAF_CHECK_EQUAL(last[0].name, "e");
}

CAF_TEST(a child that cannot start is reported and not kept) {
  auto broken
      = make_template("broken", [](caf::local_actor*, const std::string&) {
          return caf::actor{};
        });
  auto err
      = ask_error<caf::actor>(sup, caf::spawn_atom_v, child_spec{"x", broken});
  CAF_CHECK(err == errc::child_start_failed);
  auto throwing = make_template(
      "throwing", [](caf::local_actor*, const std::string&) -> caf::actor {
        throw std::runtime_error("no token");
      });
  err = ask_error<caf::actor>(sup, caf::spawn_atom_v,
                              child_spec{"y", throwing});
  CAF_CHECK(err == errc::child_start_failed);
  CAF_CHECK_NOT_EQUAL(sys.render(err).find("no token"), std::string::npos);
  CAF_CHECK_EQUAL(summary(sup).children, 0u);
}

CAF_TEST(summary counts children by state) {
  child_batch batch{poller, {"a", "b", "c"}};
  ask<uint64_t>(sup, caf::spawn_atom_v, batch);
  fail(log->last("b"));
  auto s = summary(sup);
  CAF_CHECK_EQUAL(s.name, "polling");
  CAF_CHECK_EQUAL(s.children, 3u);
  CAF_CHECK_EQUAL(s.running, 2u);
  CAF_CHECK_EQUAL(s.restarting, 1u);
  CAF_CHECK_EQUAL(info(sup, "b").id, 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()

CAF_TEST_FIXTURE_SCOPE(supervisor_initial_children_tests, fixture)

CAF_TEST(a supervisor whose initial child cannot start stops the others) {
  auto broken = make_child("broken", "broken",
                           [](caf::local_actor*, const std::string&) {
                             return caf::actor{};
                           });
  auto sup = spawn_supervisor(
      sys, test_options("boot"),
      {worker_child("first"), broken, worker_child("never")});
  self->monitor(sup);
  sched.run();
  CAF_CHECK_EQUAL(log->count("first"), 1u);
  CAF_CHECK_EQUAL(log->count("never"), 0u);
  auto down = next_down();
  CAF_CHECK(down.reason == errc::child_start_failed);
  CAF_CHECK_NOT_EQUAL(sys.render(down.reason).find("boot: child broken"),
                      std::string::npos);
}

CAF_TEST(duplicate initial names are rejected) {
  auto sup = spawn_supervisor(sys, test_options("dup"),
                              {worker_child("a"), worker_child("a")});
  self->monitor(sup);
  sched.run();
  CAF_CHECK(next_down().reason == errc::invalid_argument);
  CAF_CHECK_EQUAL(log->count("a"), 1u);
}

CAF_TEST_FIXTURE_SCOPE_END()
