#include "actors/queues/handlers/notification/http_sender.hpp"

#include <chrono>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/queues/handlers/notification/delivery_outcome.hpp"
#include "io/fcm/fcm_codec.hpp"
#include "io/smseagle/smseagle_codec.hpp"

namespace switchboard::notify {

namespace {

// The client's own total timeout answers first; this one only guards
// against a client that never answers.
constexpr auto reply_margin = std::chrono::seconds(2);

notification_sender_actor::behavior_type
http_sender(notification_sender_actor::pointer self, http_client_actor client,
            http_sender_options opts) {
  return {
      [=](deliver_atom, const notification& n) -> caf::result<delivery_result> {
        auto req = opts.build(n);
        req.total_timeout_ms = opts.timeout_ms;
        auto rp = self->make_response_promise<delivery_result>();
        self->request(client,
                      std::chrono::milliseconds(opts.timeout_ms) + reply_margin,
                      std::move(req))
            .then(
                [=](const http_response& res) mutable {
                  rp.deliver(opts.parse(res));
                },
                [=](const caf::error& err) mutable {
                  rp.deliver(sender_failed(err));
                });
        return rp;
      },
  };
}

} // namespace

notification_sender_actor spawn_http_sender(caf::actor_system& sys,
                                            http_client_actor client,
                                            http_sender_options opts) {
  return sys.spawn(http_sender, std::move(client), std::move(opts));
}

notification_sender_actor
spawn_fcm_sender(caf::actor_system& sys, http_client_actor client,
                 const notifications_settings& settings) {
  fcm::endpoint to{settings.fcm_base_url, settings.fcm_project_id,
                   settings.fcm_access_token};
  http_sender_options opts;
  opts.build = [to, verify = settings.tls_verify](const notification& n) {
    auto req = fcm::build_send(to, n);
    req.verify_tls = verify;
    return req;
  };
  opts.parse = [](const http_response& res) {
    return fcm::parse_send_response(res.status, res.body,
                                    res.header("retry-after"),
                                    std::chrono::system_clock::now());
  };
  opts.timeout_ms = settings.send_timeout_ms;
  return spawn_http_sender(sys, std::move(client), std::move(opts));
}

notification_sender_actor
spawn_smseagle_sender(caf::actor_system& sys, http_client_actor client,
                      const notifications_settings& settings) {
  smseagle::endpoint to{settings.smseagle_base_url,
                        settings.smseagle_access_token};
  http_sender_options opts;
  opts.build
      = [to, verify = settings.smseagle_tls_verify](const notification& n) {
          auto req = smseagle::build_send(to, n);
          req.verify_tls = verify;
          return req;
        };
  opts.parse = [](const http_response& res) {
    return smseagle::parse_send_response(res.status, res.body);
  };
  opts.timeout_ms = settings.send_timeout_ms;
  return spawn_http_sender(sys, std::move(client), std::move(opts));
}

} // namespace switchboard::notify
