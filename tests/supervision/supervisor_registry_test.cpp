#define CAF_SUITE supervision.supervisor_registry
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "supervisor_fixture.hpp"

using namespace switchboard;
using namespace switchboard::test;

namespace {

const auto key = caf::atom("sb_test_db");

} // namespace

CAF_TEST_FIXTURE_SCOPE(supervisor_registry_tests, fixture)

CAF_TEST(the registry holds the live instance across restarts) {
  auto db = make_child("db", "database", logged_start(log),
                       restart_type::permanent, key);
  auto sup = start_sup(test_options(), {db});
  auto first = log->last("db");
  CAF_CHECK_EQUAL(sys.registry().get<caf::actor>(key), first);
  fail(first);
  CAF_MESSAGE("nothing is registered while the child waits to restart");
  CAF_CHECK(!sys.registry().get<caf::actor>(key));
  advance_time(1s);
  sched.run();
  auto second = log->last("db");
  CAF_REQUIRE_NOT_EQUAL(first, second);
  CAF_CHECK_EQUAL(sys.registry().get<caf::actor>(key), second);
  CAF_MESSAGE("stopping the child removes the entry");
  ask<caf::ok_atom>(sup, stop_atom_v, std::string{"db"});
  CAF_CHECK(!sys.registry().get<caf::actor>(key));
}

CAF_TEST(metrics count live children and restarts per kind) {
  prometheus::Registry registry;
  auto opts = test_options("queues");
  opts.metrics = &registry;
  auto sup = start_sup(opts, {worker_child("a"), worker_child("b")});
  auto& live = prometheus::BuildGauge()
                   .Name("switchboard_actors")
                   .Register(registry)
                   .Add({{"kind", "worker"}});
  auto& restarts = prometheus::BuildCounter()
                       .Name("switchboard_supervisor_restarts_total")
                       .Register(registry)
                       .Add({{"supervisor", "queues"}, {"kind", "worker"}});
  CAF_CHECK_EQUAL(live.Value(), 2.0);
  fail(log->last("a"));
  CAF_CHECK_EQUAL(live.Value(), 1.0);
  CAF_CHECK_EQUAL(restarts.Value(), 0.0);
  advance_time(1s);
  sched.run();
  CAF_CHECK_EQUAL(live.Value(), 2.0);
  CAF_CHECK_EQUAL(restarts.Value(), 1.0);
  caf::anon_send_exit(sup, caf::exit_reason::user_shutdown);
  sched.run();
  CAF_CHECK_EQUAL(live.Value(), 0.0);
}

CAF_TEST_FIXTURE_SCOPE_END()
