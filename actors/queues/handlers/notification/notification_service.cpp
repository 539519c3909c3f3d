#include "actors/queues/handlers/notification/notification_service.hpp"

#include <chrono>

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/handlers/notification/notification_handler.hpp"
#include "actors/queues/handlers/notification/notification_senders.hpp"
#include "persistence/batch_writer.hpp"
#include "persistence/notifications_repo.hpp"

namespace switchboard::notify {

namespace {

// The senders answer within send_timeout_ms plus their own margin; the
// handler waits a little longer so their answer, not its timeout, decides.
constexpr auto handler_margin = std::chrono::seconds(3);

template <class Handle>
void link_if_valid(job_handler_actor::pointer self, const Handle& hdl) {
  if (hdl) self->link_to(hdl);
}

job_handler_actor::behavior_type
notification_service(job_handler_actor::pointer self,
                     notification_service_options opts) {
  auto& sys = self->system();
  notification_handler_options h;
  h.senders = spawn_notification_senders(sys, opts.settings, opts.client);
  h.log = persistence::spawn_batch_writer(
      sys,
      persistence::notifications_repo::writer_options(opts.db, opts.database));
  h.send_timeout = std::chrono::milliseconds(opts.settings.send_timeout_ms)
                   + handler_margin;
  link_if_valid(self, h.senders.push);
  link_if_valid(self, h.senders.email);
  link_if_valid(self, h.senders.sms);
  link_if_valid(self, h.log);
  return notification_handler_behavior(self, std::move(h));
}

} // namespace

job_handler_actor
spawn_notification_service(caf::actor_system& sys,
                           notification_service_options opts) {
  return sys.spawn(notification_service, std::move(opts));
}

} // namespace switchboard::notify
