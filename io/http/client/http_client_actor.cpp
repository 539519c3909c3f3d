#include "io/http/client/http_client_actor.hpp"

#include <memory>
#include <unordered_map>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>

#include "io/http/client/http_client.hpp"

namespace switchboard::http::client {

namespace {

struct http_client_state {
  static inline const char* name = "http_client";

  std::unique_ptr<http_client> engine;
  uint64_t next_id = 0;
  uint64_t completed = 0;
  std::unordered_map<uint64_t, caf::typed_response_promise<http_response>>
      pending;

  template <class T>
  void deliver(uint64_t id, T&& outcome) {
    auto i = pending.find(id);
    if (i == pending.end()) return;
    i->second.deliver(std::forward<T>(outcome));
    pending.erase(i);
    ++completed;
  }
};

using client_pointer = http_client_actor::stateful_pointer<http_client_state>;

// The Asio side reports back by message; a weak handle, so requests still
// in flight do not keep a stopped client alive.
completion report_to(client_pointer self, uint64_t id) {
  caf::weak_actor_ptr weak{self->ctrl()};
  return [weak, id](caf::expected<http_response> outcome) {
    auto strong = weak.lock();
    if (!strong) return;
    auto hdl = caf::actor_cast<http_client_actor>(strong);
    if (outcome)
      caf::anon_send(hdl, http_done_atom_v, id, std::move(*outcome));
    else
      caf::anon_send(hdl, http_done_atom_v, id, std::move(outcome.error()));
  };
}

http_client_stats stats_of(const http_client_state& state) {
  const auto& counters = state.engine->counters();
  http_client_stats result;
  result.completed = state.completed;
  result.pending = state.pending.size();
  result.connections_opened = counters.connections_opened.load();
  result.reused = counters.reused.load();
  result.retried = counters.retried.load();
  return result;
}

http_client_actor::behavior_type
http_client_behavior(client_pointer self, boost::asio::io_context* context,
                     http_client_settings settings,
                     prometheus::Registry* registry) {
  self->state.engine
      = std::make_unique<http_client>(*context, settings, registry);
  return {
      [self](const http_request& request) -> caf::result<http_response> {
        auto id = ++self->state.next_id;
        auto promise = self->make_response_promise<http_response>();
        self->state.pending.emplace(id, promise);
        self->state.engine->submit(request, report_to(self, id));
        return promise;
      },
      [self](http_stats_atom) {
        return stats_of(self->state);
      },
      [self](http_done_atom, uint64_t id, http_response& response) {
        self->state.deliver(id, std::move(response));
      },
      [self](http_done_atom, uint64_t id, caf::error& err) {
        self->state.deliver(id, std::move(err));
      },
  };
}

} // namespace

http_client_actor spawn_http_client(caf::actor_system& sys,
                                    boost::asio::io_context& context,
                                    const http_client_settings& settings,
                                    prometheus::Registry* registry) {
  // A lambda, not spawn's argument list: CAF inspects pointer arguments for
  // actor types, which needs the complete io_context.
  auto* ctx = &context;
  return sys.spawn([ctx, settings, registry](client_pointer self) {
    return http_client_behavior(self, ctx, settings, registry);
  });
}

} // namespace switchboard::http::client
