#include "actors/queues/handlers/cleanup/cleanup_handler.hpp"

#include <memory>
#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/handlers/cleanup/cleanup_tasks.hpp"
#include "actors/queues/queue_log.hpp"
#include "io/media/store_location.hpp"
#include "messages/error.hpp"
#include "persistence/db_request.hpp"

namespace switchboard::cleanup_jobs {

namespace {

using handler_ptr = job_handler_actor::pointer;

caf::result<job_outcome> run(handler_ptr self, const database_actor& db,
                             const cleanup_handler_options& opts,
                             const cleanup_context& ctx, const job& x) {
  auto planned = plan_cleanup(x.kind, x.payload, opts.settings, x.run_at);
  if (auto* error = std::get_if<std::string>(&planned)) {
    queue_log()->warn("cleanup job {}: {}", x.id, *error);
    return job_failed(*error);
  }
  auto plan = std::get<cleanup_plan>(planned);
  auto rp = self->make_response_promise<job_outcome>();
  auto id = x.id;
  persistence::db_request(
      self, db, std::string{"cleanup "} + to_string(plan.kind),
      [plan, ctx](pqxx::connection_base& conn) {
        return run_cleanup(conn, plan, ctx);
      },
      [rp, id](std::string result) mutable {
        queue_log()->info("cleanup job {}: {}", id, result);
        rp.deliver(job_completed(std::move(result)));
      },
      [rp, id](const caf::error& err) mutable {
        auto text = "database: " + render(err);
        queue_log()->warn("cleanup job {}: {}", id, text);
        rp.deliver(job_retry(std::move(text)));
      },
      {opts.db_timeout, true});
  return rp;
}

job_handler_actor::behavior_type cleanup_handler(handler_ptr self,
                                                 database_actor db,
                                                 cleanup_handler_options opts) {
  cleanup_context ctx{
      std::make_shared<const io::media::directory_store>(opts.store_dir),
      opts.temp_root};
  return {
      [=](run_job_atom, const job& x) {
        return run(self, db, opts, ctx, x);
      },
  };
}

} // namespace

cleanup_handler_options cleanup_options(const config& cfg) {
  cleanup_handler_options result;
  result.settings = cfg.cleanup;
  result.store_dir = io::media::media_store_dir(cfg);
  result.temp_root = cfg.cleanup.temp_files_root.empty()
                         ? cfg.data_dir + "/tmp"
                         : cfg.cleanup.temp_files_root;
  return result;
}

job_handler_actor spawn_cleanup_handler(caf::actor_system& sys,
                                        cleanup_handler_options opts,
                                        database_actor db) {
  return sys.spawn(cleanup_handler, std::move(db), std::move(opts));
}

} // namespace switchboard::cleanup_jobs
