#include "runtime/queue_routes.hpp"

#include <memory>
#include <optional>
#include <pqxx/pqxx>

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>

#include "actors/queues/job_defaults.hpp"
#include "actors/queues/queue_table.hpp"
#include "io/http/queue_json.hpp"
#include "messages/node.hpp"
#include "persistence/jobs_repo.hpp"

namespace switchboard {

namespace {

namespace jobs_repo = persistence::jobs_repo;
using deps_ptr = std::shared_ptr<const queue_routes_deps>;
using nlohmann::json;

http::response no_such_queue(const std::string& name) {
  return http::error(404, "not_found", "no queue named " + name);
}

http::response no_such_job(const std::string& id) {
  return http::error(404, "not_found", "no job with id " + id);
}

/// The queue's settings, or nullptr after answering 404.
const queue_settings* known_queue(const deps_ptr& deps,
                                  const http::request& req,
                                  const http::responder& respond) {
  const auto& name = req.param("queue");
  auto* settings = find_queue_settings(deps->queues, name);
  if (!settings) respond(no_such_queue(name));
  return settings;
}

/// A job id from the path, or std::nullopt after answering 404.
std::optional<std::string> job_id(const http::request& req,
                                  const http::responder& respond) {
  const auto& id = req.param("id");
  if (id.empty()) respond(no_such_job(id));
  return id.empty() ? std::nullopt : std::optional<std::string>{id};
}

// -- GET /api/queues ----------------------------------------------------------

std::vector<queue_stats> all_stats(pqxx::connection_base& conn,
                                   const std::vector<std::string>& names) {
  auto stored = jobs_repo::stats_all(conn);
  std::vector<queue_stats> result;
  // Configured queues first, in configuration order, then any other queue
  // that holds jobs (enqueued by an older configuration, say).
  for (const auto& name : names) {
    auto i = std::find_if(stored.begin(), stored.end(), [&](auto& x) {
      return x.queue == name;
    });
    result.push_back(i != stored.end() ? *i : jobs_repo::stats(conn, name));
  }
  for (auto& x : stored)
    if (std::find(names.begin(), names.end(), x.queue) == names.end())
      result.push_back(x);
  return result;
}

http::handler list_queues(deps_ptr deps) {
  return [deps](http::request, http::responder respond) {
    std::vector<std::string> names;
    for (const auto& q : configured_queues(deps->queues))
      names.push_back(q.name);
    answer_from_db(
        deps->db, respond, "queue stats",
        [names](pqxx::connection_base& conn) {
          return all_stats(conn, names);
        },
        [deps](std::vector<queue_stats> xs) {
          auto items = json::array();
          for (const auto& x : xs)
            items.push_back(http::queue_json(
                x, find_queue_settings(deps->queues, x.queue)));
          return http::json(200, {{"items", items}, {"next_cursor", nullptr}});
        });
  };
}

// -- POST /api/queues/{queue}/jobs
// ---------------------------------------------

json enqueued_json(const enqueue_result& x) {
  auto result = http::job_json(x.value);
  result["created"] = x.created;
  return result;
}

http::response enqueue_response(const std::vector<enqueue_result>& xs,
                                bool batch) {
  bool any_created = std::any_of(xs.begin(), xs.end(), [](auto& x) {
    return x.created;
  });
  auto status = any_created ? 201 : 200;
  if (!batch && !xs.empty()) return http::json(status, enqueued_json(xs[0]));
  auto items = json::array();
  for (const auto& x : xs)
    items.push_back(enqueued_json(x));
  return http::json(status, {{"items", items}});
}

http::handler enqueue(deps_ptr deps) {
  return [deps](http::request req, http::responder respond) {
    auto* settings = known_queue(deps, req, respond);
    if (!settings) return;
    auto body = http::parse_json_body(req.body);
    if (auto* err = std::get_if<http::response>(&body))
      return void(respond(std::move(*err)));
    auto queue = req.param("queue");
    auto base = [queue, settings](const std::string& kind) {
      new_job x;
      x.queue = queue;
      x.kind = kind;
      apply_queue_defaults(x, *settings);
      return x;
    };
    auto parsed = http::parse_enqueue(std::get<json>(body), base);
    if (auto* err = std::get_if<http::response>(&parsed))
      return void(respond(std::move(*err)));
    auto request = std::get<http::enqueue_request>(std::move(parsed));
    answer_from_db(
        deps->db, respond, "enqueue jobs",
        [jobs = std::move(request.jobs)](pqxx::connection_base& conn) {
          return jobs_repo::enqueue(conn, jobs);
        },
        [batch = request.batch](std::vector<enqueue_result> xs) {
          return enqueue_response(xs, batch);
        });
  };
}

// -- GET /api/queues/{queue}/jobs
// ----------------------------------------------

http::handler list_jobs(deps_ptr deps) {
  return [deps](http::request req, http::responder respond) {
    if (!known_queue(deps, req, respond)) return;
    auto page = http::parse_page(req);
    if (auto* err = std::get_if<http::response>(&page))
      return void(respond(std::move(*err)));
    auto p = std::get<http::page_request>(page);
    answer_from_db(
        deps->db, respond, "list jobs",
        [p, queue = req.param("queue")](pqxx::connection_base& conn) {
          return jobs_repo::list(conn, queue, p.state, p.after_id, p.limit + 1);
        },
        [limit = p.limit](std::vector<job> xs) {
          return http::json(200, http::job_page_json(std::move(xs), limit));
        });
  };
}

// -- /api/jobs/{id}
// ------------------------------------------------------------

http::handler get_job(deps_ptr deps) {
  return [deps](http::request req, http::responder respond) {
    auto id = job_id(req, respond);
    if (!id) return;
    answer_from_db(
        deps->db, respond, "get job",
        [id = *id](pqxx::connection_base& conn) {
          return jobs_repo::get(conn, id);
        },
        [id = *id](std::optional<job> x) {
          return x ? http::json(200, http::job_json(*x)) : no_such_job(id);
        });
  };
}

/// What a retry found: the job after it (or as it stayed), if any.
struct retry_outcome {
  bool retried = false;
  std::optional<job> current;
};

http::handler retry_job(deps_ptr deps) {
  return [deps](http::request req, http::responder respond) {
    auto id = job_id(req, respond);
    if (!id) return;
    answer_from_db(
        deps->db, respond, "retry job",
        [id = *id](pqxx::connection_base& conn) {
          retry_outcome out;
          out.retried = jobs_repo::retry(conn, id);
          out.current = jobs_repo::get(conn, id);
          return out;
        },
        [id = *id](retry_outcome x) {
          if (!x.current) return no_such_job(id);
          if (!x.retried)
            return http::error(409, "conflict",
                               "job " + id + " is " + x.current->state
                                   + "; only failed or dead jobs are retried");
          return http::json(200, http::job_json(*x.current));
        });
  };
}

http::handler remove_job(deps_ptr deps) {
  return [deps](http::request req, http::responder respond) {
    auto id = job_id(req, respond);
    if (!id) return;
    answer_from_db(
        deps->db, respond, "remove job",
        [id = *id](pqxx::connection_base& conn) {
          return jobs_repo::remove(conn, id);
        },
        [id = *id](jobs_repo::remove_outcome x) {
          if (x == jobs_repo::remove_outcome::not_found) return no_such_job(id);
          if (x == jobs_repo::remove_outcome::active)
            return http::error(409, "conflict",
                               "job " + id
                                   + " is active; it can be removed once its "
                                     "worker is done");
          return http::json(200, {{"id", id}, {"removed", true}});
        });
  };
}

// -- pause, resume, clean
// ------------------------------------------------------

http::handler set_paused(deps_ptr deps, bool paused) {
  return [deps, paused](http::request req, http::responder respond) {
    if (!known_queue(deps, req, respond)) return;
    auto queue = req.param("queue");
    answer_from_db(
        deps->db, respond, paused ? "pause queue" : "resume queue",
        [queue, paused](pqxx::connection_base& conn) {
          if (paused)
            jobs_repo::pause(conn, queue);
          else
            jobs_repo::resume(conn, queue);
          return paused;
        },
        [queue](bool now_paused) {
          return http::json(200, {{"name", queue}, {"paused", now_paused}});
        });
  };
}

http::handler clean_queue(deps_ptr deps) {
  return [deps](http::request req, http::responder respond) {
    if (!known_queue(deps, req, respond)) return;
    auto body = http::parse_json_body(req.body);
    if (auto* err = std::get_if<http::response>(&body))
      return void(respond(std::move(*err)));
    auto parsed = http::parse_clean(std::get<json>(body));
    if (auto* err = std::get_if<http::response>(&parsed))
      return void(respond(std::move(*err)));
    auto c = std::get<http::clean_request>(parsed);
    auto queue = req.param("queue");
    answer_from_db(
        deps->db, respond, "clean queue",
        [c, queue](pqxx::connection_base& conn) {
          return jobs_repo::clean(conn, queue, c.state, c.older_than);
        },
        [c, queue](size_t removed) {
          return http::json(200, {{"name", queue},
                                  {"state", c.state},
                                  {"older_than_ms", c.older_than.count()},
                                  {"removed", removed}});
        });
  };
}

} // namespace

queue_routes_deps node_queue_routes_deps(caf::actor_system& sys,
                                         const config& cfg) {
  queue_routes_deps deps;
  deps.db = node_db_route_context(sys, cfg.http);
  deps.queues = cfg.queues;
  return deps;
}

void add_queue_routes(http::router& r, queue_routes_deps deps) {
  auto d = std::make_shared<const queue_routes_deps>(std::move(deps));
  r.add("GET", "/api/queues", list_queues(d));
  r.add("POST", "/api/queues/{queue}/jobs", enqueue(d));
  r.add("GET", "/api/queues/{queue}/jobs", list_jobs(d));
  r.add("POST", "/api/queues/{queue}/pause", set_paused(d, true));
  r.add("POST", "/api/queues/{queue}/resume", set_paused(d, false));
  r.add("POST", "/api/queues/{queue}/clean", clean_queue(d));
  r.add("GET", "/api/jobs/{id}", get_job(d));
  r.add("POST", "/api/jobs/{id}/retry", retry_job(d));
  r.add("DELETE", "/api/jobs/{id}", remove_job(d));
}

} // namespace switchboard
