#include "actors/cron/default_table.hpp"

namespace switchboard::cron {

namespace {

cron_entry cleanup(const char* kind, const char* expression,
                   const char* payload, missed_policy missed) {
  cron_entry e;
  e.name = kind;
  e.expression = expression;
  e.queue = "cleanup";
  e.kind = kind;
  e.payload = payload;
  e.missed = missed;
  return e;
}

// Missed policies: a cleanup removes everything past its age whenever it
// runs, so one catch-up run does the work of all missed ones. Statistics
// aggregate the window that ends at the fire time, so missed windows are
// worth filling, up to one day of them. Stale sockets and health describe
// the present only: a late run would say nothing about the past.
std::vector<cron_entry> make_table() {
  return {
      cleanup("stories", "0 * * * *",
              R"({"type":"stories","data":{"older_than_hours":24}})",
              run_missed_once()),
      cleanup("sessions", "0 0 * * *",
              R"({"type":"sessions","data":{"inactive_days":30}})",
              run_missed_once()),
      cleanup("messages", "0 1 * * *",
              R"({"type":"messages","data":{"older_than_days":365}})",
              run_missed_once()),
      cleanup("temp_files", "0 2 * * *", R"({"type":"temp_files"})",
              run_missed_once()),
      cleanup(
          "database_maintenance", "0 3 * * *",
          R"({"type":"database_maintenance","data":{"operation":"vacuum_analyze"}})",
          run_missed_once()),
      cleanup("prekeys", "0 4 * * *", R"({"type":"prekeys"})",
              run_missed_once()),
      cleanup("statistics", "0 */6 * * *", R"({"type":"statistics"})",
              run_all_missed(4)),
      cleanup("stale_websockets", "*/15 * * * *",
              R"({"type":"stale_websockets"})", skip_missed()),
      cleanup("health_check", "*/5 * * * *", R"({"type":"health_check"})",
              skip_missed()),
      // The seed says only "Sundays"; 05:00 follows the nightly 00:00-04:00
      // series on the cleanup queue's single worker.
      cleanup("orphaned_media", "0 5 * * 0", R"({"type":"orphaned_media"})",
              run_missed_once()),
  };
}

} // namespace

const std::vector<cron_entry>& default_table() {
  static const auto table = make_table();
  return table;
}

} // namespace switchboard::cron
