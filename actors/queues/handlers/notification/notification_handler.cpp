#include "actors/queues/handlers/notification/notification_handler.hpp"

#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/handlers/notification/delivery_outcome.hpp"
#include "actors/queues/handlers/notification/notification_payload.hpp"
#include "messages/error.hpp"
#include "persistence/notifications_repo.hpp"

namespace switchboard::notify {

namespace {

using handler_ptr = job_handler_actor::pointer;
using outcome_promise = caf::typed_response_promise<job_outcome>;

notification_sender_actor sender_for(const notification_senders& senders,
                                     const std::string& type) {
  if (type == "push") return senders.push;
  if (type == "email") return senders.email;
  return senders.sms;
}

void log_attempt(const notification& n, const delivery_result& r) {
  if (r.status == delivery_status::delivered)
    spdlog::debug("notification job {} attempt {}: {} delivered", n.job_id,
                  n.attempt, n.type);
  else
    spdlog::warn("notification job {} attempt {}: {} {} [{}]", n.job_id,
                 n.attempt, n.type.empty() ? "notification" : n.type,
                 to_string(r.status), r.error_code);
}

bool recordable(const notification& n) {
  return is_notification_type(n.type) && !n.user_id.empty();
}

void finish(handler_ptr self, const notification_handler_options& opts,
            outcome_promise rp, const notification& n, const delivery_result& r,
            caf::timestamp started) {
  log_attempt(n, r);
  auto outcome = to_job_outcome(n.type, r);
  if (!recordable(n)) {
    rp.deliver(std::move(outcome));
    return;
  }
  auto row = persistence::notifications_repo::to_row(
      make_attempt(n, r, started, caf::make_timestamp()));
  auto job_id = n.job_id;
  self->request(opts.log, opts.record_timeout, caf::put_atom_v, std::move(row))
      .then(
          [rp, outcome](const db_batch_result&) mutable {
            rp.deliver(outcome);
          },
          [rp, outcome, job_id](const caf::error& err) mutable {
            spdlog::error("notification job {}: attempt not recorded: {}",
                          job_id, render(err));
            rp.deliver(outcome);
          });
}

caf::result<job_outcome>
run(handler_ptr self, const notification_handler_options& opts, const job& j) {
  auto started = caf::make_timestamp();
  auto rp = self->make_response_promise<job_outcome>();
  auto parsed = parse_payload(j);
  auto n = std::move(parsed.value);
  if (!parsed.error.empty()) {
    finish(self, opts, rp, n, invalid_payload(std::move(parsed.error)),
           started);
    return rp;
  }
  auto sender = sender_for(opts.senders, n.type);
  if (!sender) {
    finish(self, opts, rp, n, not_configured(n.type), started);
    return rp;
  }
  self->request(sender, opts.send_timeout, deliver_atom_v, n)
      .then(
          [=](const delivery_result& r) {
            finish(self, opts, rp, n, r, started);
          },
          [=](const caf::error& err) {
            finish(self, opts, rp, n, sender_failed(err), started);
          });
  return rp;
}

} // namespace

job_handler_actor::behavior_type
notification_handler_behavior(handler_ptr self,
                              notification_handler_options opts) {
  return {
      [=](run_job_atom, const job& j) {
        return run(self, opts, j);
      },
  };
}

job_handler_actor
spawn_notification_handler(caf::actor_system& sys,
                           notification_handler_options opts) {
  return sys.spawn(notification_handler_behavior, std::move(opts));
}

} // namespace switchboard::notify
