#include "actors/queues/handlers/notification/email_sender.hpp"

#include <caf/actor_system.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "io/smtp/notification_mail.hpp"

namespace switchboard::notify {

namespace {

notification_sender_actor::behavior_type
email_once(notification_sender_actor::pointer self, smtp::server server) {
  return {
      [=](deliver_atom, const notification& n) -> delivery_result {
        self->quit();
        return smtp::deliver_email(server, n);
      },
  };
}

notification_sender_actor::behavior_type
email_sender(notification_sender_actor::pointer self, smtp::server server) {
  return {
      [=](deliver_atom atom, notification& n) {
        auto worker = self->system().spawn<caf::detached>(email_once, server);
        return self->delegate(worker, atom, std::move(n));
      },
  };
}

} // namespace

smtp::server smtp_server_of(const notifications_settings& settings) {
  smtp::server s;
  s.url = settings.smtp_url;
  s.username = settings.smtp_username;
  s.password = settings.smtp_password;
  s.from = settings.smtp_from;
  s.starttls = settings.smtp_starttls;
  s.verify_tls = settings.tls_verify;
  s.timeout_ms = settings.send_timeout_ms;
  return s;
}

notification_sender_actor spawn_email_sender(caf::actor_system& sys,
                                             smtp::server server) {
  return sys.spawn(email_sender, std::move(server));
}

} // namespace switchboard::notify
