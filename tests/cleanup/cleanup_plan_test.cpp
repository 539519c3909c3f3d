#define CAF_SUITE cleanup.plan
#include <variant>

#include "caf/test/unit_test.hpp"

#include "actors/queues/handlers/cleanup/cleanup_plan.hpp"
#include "actors/queues/handlers/cleanup/file_removers.hpp"

using namespace switchboard;
using namespace switchboard::cleanup_jobs;
using namespace std::chrono;

namespace {

system_clock::time_point at(int64_t epoch_s) {
  return system_clock::time_point{seconds{epoch_s}};
}

cleanup_plan plan_of(const std::string& kind, const std::string& payload,
                     const cleanup_settings& s = {}) {
  auto result = plan_cleanup(kind, payload, s, at(0));
  auto* plan = std::get_if<cleanup_plan>(&result);
  if (!plan) {
    CAF_FAIL("no plan: " << std::get<std::string>(result));
  }
  return *plan;
}

std::string error_of(const std::string& kind, const std::string& payload) {
  auto result = plan_cleanup(kind, payload, cleanup_settings{}, at(0));
  auto* error = std::get_if<std::string>(&result);
  return error ? *error : "";
}

} // namespace

CAF_TEST(ages come from the settings) {
  CAF_CHECK_EQUAL(plan_of("stories", "{}").age, hours{24});
  CAF_CHECK_EQUAL(plan_of("sessions", "").age, hours{24 * 30});
  CAF_CHECK_EQUAL(plan_of("messages", "{}").age, hours{24 * 365});
  CAF_CHECK_EQUAL(plan_of("temp_files", "{}").age, hours{24});
  CAF_CHECK_EQUAL(plan_of("orphaned_media", "{}").age, hours{24});
  CAF_CHECK_EQUAL(plan_of("stale_websockets", "{}").age, minutes{15});
  auto prekeys = plan_of("prekeys", "{}");
  CAF_CHECK_EQUAL(prekeys.age, hours{24});
  CAF_CHECK_EQUAL(prekeys.unused_age, hours{24 * 90});
  CAF_CHECK_EQUAL(prekeys.min_unused, 10u);
  cleanup_settings custom;
  custom.stories_ttl_hours = 2;
  custom.batch_size = 7;
  auto stories = plan_of("stories", "{}", custom);
  CAF_CHECK_EQUAL(stories.age, hours{2});
  CAF_CHECK_EQUAL(stories.batch, 7u);
}

CAF_TEST(a payload may lengthen an age but never shorten it) {
  CAF_CHECK_EQUAL(
      plan_of("stories", R"({"type":"stories","data":{"older_than_hours":48}})")
          .age,
      hours{48});
  CAF_CHECK_EQUAL(
      plan_of("stories", R"({"type":"stories","data":{"older_than_hours":1}})")
          .age,
      hours{24});
  CAF_CHECK_EQUAL(
      plan_of("messages", R"({"data":{"older_than_days":400}})").age,
      hours{24 * 400});
  CAF_CHECK_EQUAL(plan_of("sessions", R"({"data":{"inactive_days":3}})").age,
                  hours{24 * 30});
  CAF_CHECK_EQUAL(error_of("stories", R"({"data":{"older_than_hours":-5}})"),
                  "payload.data.older_than_hours: not a positive integer up "
                  "to 100000");
  CAF_CHECK_EQUAL(error_of("stories", R"({"data":{"older_than_hours":"x"}})"),
                  "payload.data.older_than_hours: not a positive integer up "
                  "to 100000");
}

CAF_TEST(types kinds and aliases) {
  CAF_CHECK(plan_of("database_maintenance", "{}").kind
            == cleanup_kind::maintenance);
  CAF_CHECK_EQUAL(plan_of("maintenance", "{}").operation, "vacuum_analyze");
  CAF_CHECK_EQUAL(
      plan_of("maintenance", R"({"data":{"operation":"analyze"}})").operation,
      "analyze");
  CAF_CHECK_EQUAL(error_of("maintenance", R"({"data":{"operation":"drop"}})"),
                  "payload.data.operation: not vacuum_analyze, analyze or "
                  "vacuum");
  CAF_CHECK(plan_of("cleanup", R"({"type":"sessions"})").kind
            == cleanup_kind::sessions);
  CAF_CHECK_EQUAL(error_of("stories", R"({"type":"sessions"})"),
                  "payload.type sessions but job kind stories");
  CAF_CHECK_EQUAL(error_of("everything", "{}"),
                  "unknown cleanup type everything");
  CAF_CHECK_EQUAL(error_of("stories", "[]"), "payload: not a JSON object");
  CAF_CHECK_EQUAL(error_of("stories", R"({"data":[]})"),
                  "payload.data: not an object");
  CAF_CHECK_EQUAL(to_string(cleanup_kind::maintenance), "maintenance");
  CAF_CHECK_EQUAL(to_string(cleanup_kind::temp_files), "temp_files");
}

CAF_TEST(statistics cover the six hours before the firing) {
  // 2024-01-01T06:00:30Z
  auto result = plan_cleanup("statistics", "{}", {}, at(1704088830));
  auto* plan = std::get_if<cleanup_plan>(&result);
  CAF_REQUIRE(plan != nullptr);
  CAF_CHECK_EQUAL(plan->window_end.time_since_epoch(), seconds{1704088800});
  CAF_CHECK_EQUAL(plan->window_start.time_since_epoch(),
                  seconds{1704088800 - 6 * 3600});
}

CAF_TEST(temporary files are deletable only under their root) {
  CAF_CHECK_EQUAL(deletable_path("/data/tmp", "/data/tmp/a/b.bin").value_or(""),
                  "/data/tmp/a/b.bin");
  CAF_CHECK_EQUAL(deletable_path("/data/tmp", "up/x").value_or(""),
                  "/data/tmp/up/x");
  CAF_CHECK_EQUAL(deletable_path("/data/tmp/", "./x/../y").value_or(""),
                  "/data/tmp/y");
  CAF_CHECK(!deletable_path("/data/tmp", "/data/tmp"));
  CAF_CHECK(!deletable_path("/data/tmp", "/data/tmp/../db/base"));
  CAF_CHECK(!deletable_path("/data/tmp", "../x"));
  CAF_CHECK(!deletable_path("/data/tmp", "/etc/passwd"));
  CAF_CHECK(!deletable_path("/data/tmp", "/data/tmpfoo/x"));
  CAF_CHECK(!deletable_path("", "/x"));
  CAF_CHECK(!deletable_path("/data/tmp", ""));
}
