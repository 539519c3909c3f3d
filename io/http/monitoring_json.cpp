#include "io/http/monitoring_json.hpp"

#include <cmath>

#include "io/rfc3339.hpp"

namespace switchboard::http {

namespace {

int64_t whole_ms(double seconds) {
  return static_cast<int64_t>(std::floor(seconds * 1000.0));
}

std::chrono::system_clock::time_point from_unix_seconds(double seconds) {
  using namespace std::chrono;
  return system_clock::time_point{
      duration_cast<system_clock::duration>(duration<double>(seconds))};
}

} // namespace

response health_response(const health_report& report,
                         std::chrono::system_clock::time_point now) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  auto uptime = duration_cast<milliseconds>(now - report.started_at).count();
  nlohmann::json latency = nullptr;
  if (report.database_latency)
    latency = duration_cast<milliseconds>(*report.database_latency).count();
  nlohmann::json body{
      {"status", report.database_reachable ? "ok" : "unavailable"},
      {"node_id", report.node_id},
      {"version", report.version},
      {"uptime_ms", uptime > 0 ? uptime : 0},
      {"started_at", io::format_rfc3339_ms(report.started_at)},
      {"database",
       {{"reachable", report.database_reachable}, {"latency_ms", latency}}},
  };
  return json(report.database_reachable ? 200 : 503, body);
}

nlohmann::json system_json(const io::process_stats& process,
                           const io::system_stats& system) {
  return {
      {"cpu",
       {{"count", system.cpu_count},
        {"load_1m", system.load_1m},
        {"load_5m", system.load_5m},
        {"load_15m", system.load_15m},
        {"process_user_seconds", process.cpu_user_seconds},
        {"process_system_seconds", process.cpu_system_seconds}}},
      {"memory",
       {{"total_bytes", system.memory_total_bytes},
        {"available_bytes", system.memory_available_bytes},
        {"process_resident_bytes", process.resident_memory_bytes},
        {"process_virtual_bytes", process.virtual_memory_bytes}}},
      {"process",
       {{"pid", process.pid},
        {"threads", process.threads},
        {"open_fds", process.open_fds},
        {"started_at",
         io::format_rfc3339_ms(from_unix_seconds(process.start_time_seconds))},
        {"uptime_ms", whole_ms(process.uptime_seconds)}}},
  };
}

nlohmann::json queues_json(const std::vector<queue_figures>& queues) {
  auto list = nlohmann::json::array();
  for (auto& q : queues)
    list.push_back({{"name", q.name},
                    {"waiting", q.waiting},
                    {"active", q.active},
                    {"completed", q.completed},
                    {"failed", q.failed},
                    {"delayed", q.delayed},
                    {"dead", q.dead},
                    {"paused", q.paused}});
  return {{"queues", list}};
}

} // namespace switchboard::http
