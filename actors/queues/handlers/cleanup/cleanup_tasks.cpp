#include "actors/queues/handlers/cleanup/cleanup_tasks.hpp"

#include <chrono>
#include <cstdio>
#include <date/date.h>
#include <nlohmann/json.hpp>

#include "actors/queues/handlers/cleanup/file_removers.hpp"
#include "persistence/cleanup_repo.hpp"

namespace switchboard::cleanup_jobs {

namespace {

using nlohmann::json;
using std::chrono::steady_clock;
using std::chrono::system_clock;
namespace repo = persistence::cleanup_repo;

// Keys checked against the tables per statement.
constexpr size_t orphan_chunk = 1000;

json files_json(const repo::purge_counts& c) {
  return {{"removed", c.files_removed},
          {"missing", c.files_missing},
          {"refused", c.files_refused},
          {"failed", c.files_failed},
          {"shared", c.files_shared}};
}

json purge_json(const cleanup_plan& plan, const repo::purge_counts& c) {
  return {{"age_s", plan.age.count()},
          {"deleted", c.rows},
          {"files", files_json(c)}};
}

int64_t ms_since(steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             steady_clock::now() - start)
      .count();
}

std::vector<std::string> old_keys(const io::media::directory_store& store,
                                  system_clock::time_point cutoff) {
  std::vector<std::string> result;
  for (const auto& e : store.list())
    if (e.modified < cutoff) result.push_back(e.key);
  return result;
}

json orphaned_media(pqxx::connection_base& conn, const cleanup_plan& plan,
                    const io::media::directory_store& store) {
  auto cutoff = system_clock::now() - plan.age;
  auto keys = old_keys(store, cutoff);
  repo::purge_counts counts;
  auto remove = store_remover(store);
  for (size_t i = 0; i < keys.size(); i += orphan_chunk) {
    std::vector<std::string> chunk{
        keys.begin() + i,
        keys.begin() + std::min(keys.size(), i + orphan_chunk)};
    for (const auto& key : repo::unreferenced_keys(conn, chunk))
      counts.count(remove(key));
  }
  int64_t scratch = 0;
  for (const auto& path : store.stale_scratch(cutoff))
    scratch += std::remove(path.c_str()) == 0 ? 1 : 0;
  return {{"age_s", plan.age.count()},
          {"checked", keys.size()},
          {"files", files_json(counts)},
          {"scratch_removed", scratch}};
}

// API.md's time format: RFC 3339 in UTC with milliseconds.
std::string rfc3339(system_clock::time_point t) {
  return date::format("%FT%TZ",
                      std::chrono::floor<std::chrono::milliseconds>(t));
}

json statistics(pqxx::connection_base& conn, const cleanup_plan& plan) {
  auto us = [](system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               t.time_since_epoch())
        .count();
  };
  auto row = repo::aggregate_statistics(conn, us(plan.window_start),
                                        us(plan.window_end));
  return {{"window_start", rfc3339(plan.window_start)},
          {"window_end", rfc3339(plan.window_end)},
          {"messages", row.messages},
          {"active_senders", row.active_senders},
          {"active_users", row.active_users},
          {"stories", row.stories},
          {"sessions_active", row.sessions_active}};
}

std::string store_health(const io::media::directory_store& store) {
  try {
    const char* probe = "health/probe";
    store.put(probe, "ok");
    store.remove(probe);
    return "ok";
  } catch (const std::exception& e) {
    return std::string{"error: "} + e.what();
  }
}

json health_check(pqxx::connection_base& conn,
                  const io::media::directory_store& store) {
  auto start = steady_clock::now();
  auto dead = repo::dead_jobs(conn);
  auto latency = ms_since(start);
  auto media = store_health(store);
  return {{"healthy", media == "ok"},
          {"database", "ok"},
          {"latency_ms", latency},
          {"dead_jobs", dead},
          {"media_store", media}};
}

json maintenance(pqxx::connection_base& conn, const cleanup_plan& plan) {
  auto start = steady_clock::now();
  repo::maintain(conn, plan.operation);
  return {{"operation", plan.operation}, {"duration_ms", ms_since(start)}};
}

json prekeys(pqxx::connection_base& conn, const cleanup_plan& plan) {
  auto c = repo::rotate_prekeys(conn, plan.age, plan.unused_age,
                                plan.min_unused, plan.batch);
  return {{"used_deleted", c.used_deleted},
          {"expired_deleted", c.expired_deleted},
          {"users_low", c.users_low},
          {"min_unused", plan.min_unused}};
}

json run_kind(pqxx::connection_base& conn, const cleanup_plan& plan,
              const cleanup_context& ctx) {
  const auto& store = *ctx.store;
  switch (plan.kind) {
  case cleanup_kind::stories:
    return purge_json(plan, repo::purge_stories(conn, plan.age, plan.batch,
                                                store_remover(store)));
  case cleanup_kind::messages:
    return purge_json(plan, repo::purge_messages(conn, plan.age, plan.batch,
                                                 store_remover(store)));
  case cleanup_kind::sessions:
    return {{"age_s", plan.age.count()},
            {"deleted", repo::purge_sessions(conn, plan.age, plan.batch)}};
  case cleanup_kind::temp_files:
    return purge_json(plan,
                      repo::purge_temp_files(conn, plan.age, plan.batch,
                                             temp_file_remover(ctx.temp_root)));
  case cleanup_kind::prekeys: return prekeys(conn, plan);
  case cleanup_kind::orphaned_media: return orphaned_media(conn, plan, store);
  case cleanup_kind::maintenance: return maintenance(conn, plan);
  case cleanup_kind::statistics: return statistics(conn, plan);
  case cleanup_kind::stale_websockets:
    return {{"age_s", plan.age.count()},
            {"closed", repo::close_stale_sessions(conn, plan.age)}};
  case cleanup_kind::health_check: return health_check(conn, store);
  }
  return json::object();
}

} // namespace

std::string run_cleanup(pqxx::connection_base& conn, const cleanup_plan& plan,
                        const cleanup_context& ctx) {
  auto result = run_kind(conn, plan, ctx);
  result["type"] = to_string(plan.kind);
  return result.dump();
}

} // namespace switchboard::cleanup_jobs
