#include "actors/queues/handlers/media/media_handler.hpp"

#include <memory>
#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/blocking_handler.hpp"
#include "actors/queues/handlers/media/media_work.hpp"
#include "actors/queues/queue_log.hpp"
#include "io/media/store_location.hpp"
#include "messages/error.hpp"
#include "persistence/db_request.hpp"

namespace switchboard::media_jobs {

namespace {

using handler_ptr = job_handler_actor::pointer;
using outcome_promise = caf::typed_response_promise<job_outcome>;
using persistence::media_repo::media_update;

void log_outcome(const job& x, const job_outcome& o) {
  if (o.status == job_status::completed)
    queue_log()->debug("media job {} ({}) processed", x.id, x.kind);
  else
    queue_log()->warn("media job {} ({}) attempt {}: {}: {}", x.id, x.kind,
                      x.attempts, to_string(o.status), o.error);
}

void store_result(handler_ptr self, const database_actor& db,
                  const media_handler_options& opts, const job& x,
                  job_outcome done, outcome_promise rp) {
  auto update = update_of(x, done.result);
  if (!update) {
    rp.deliver(job_failed("media work returned no usable result"));
    return;
  }
  auto id = update->message_id;
  persistence::db_request(
      self, db, "media result",
      [u = *update](pqxx::connection_base& conn) {
        return persistence::media_repo::store_result(conn, u);
      },
      [rp, done, id, x](bool stored) mutable {
        auto outcome
            = stored ? done : job_failed("message " + id + " not found");
        log_outcome(x, outcome);
        rp.deliver(std::move(outcome));
      },
      [rp](const caf::error& err) mutable {
        rp.deliver(job_retry("database: " + render(err)));
      },
      {opts.db_timeout, true});
}

job_handler_actor::behavior_type media_handler(handler_ptr self,
                                               job_handler_actor worker,
                                               database_actor db,
                                               media_handler_options opts) {
  // The worker lives as long as its handler.
  self->attach_functor([worker] {
    caf::anon_send_exit(worker, caf::exit_reason::user_shutdown);
  });
  return {
      [=](run_job_atom, const job& x) -> caf::result<job_outcome> {
        auto rp = self->make_response_promise<job_outcome>();
        self->request(worker, caf::infinite, run_job_atom_v, x)
            .then(
                [=](job_outcome& done) mutable {
                  if (done.status != job_status::completed) {
                    log_outcome(x, done);
                    rp.deliver(std::move(done));
                    return;
                  }
                  store_result(self, db, opts, x, std::move(done), rp);
                },
                [rp](caf::error&) mutable {
                  rp.deliver(job_retry("media worker failed"));
                });
        return rp;
      },
  };
}

} // namespace

media_handler_options media_options(const config& cfg) {
  media_handler_options result;
  result.settings = cfg.media;
  result.store_dir = io::media::media_store_dir(cfg);
  return result;
}

job_handler_actor spawn_media_handler(caf::actor_system& sys,
                                      media_handler_options opts,
                                      database_actor db) {
  auto store
      = std::make_shared<const io::media::directory_store>(opts.store_dir);
  auto settings = opts.settings;
  auto worker = make_blocking_handler(sys, [store, settings](const job& x) {
    return run_media_work(x, settings, *store);
  });
  return sys.spawn(media_handler, worker, std::move(db), std::move(opts));
}

} // namespace switchboard::media_jobs
