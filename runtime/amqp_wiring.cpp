#include "runtime/amqp_wiring.hpp"

#include <stdexcept>

#include <caf/actor_cast.hpp>
#include <caf/actor_registry.hpp>
#include <caf/actor_system.hpp>

#include "config/secret_mask.hpp"
#include "io/amqp/binding_keys.hpp"
#include "messages/node.hpp"
#include "runtime/supervision/child_spec.hpp"

namespace switchboard {

using std::chrono::milliseconds;

io::amqp::consumer_options amqp_consumer_options(const config& cfg) {
  const auto& a = cfg.amqp;
  auto broker = io::amqp::parse_endpoint(a.url);
  if (!broker)
    throw std::invalid_argument("amqp.url: not an amqp:// URL: "
                                + mask_password(a.url));
  io::amqp::consumer_options result;
  result.broker = std::move(*broker);
  result.topo.exchange = a.exchange;
  result.topo.queue = a.queue;
  result.topo.bindings = io::amqp::split_binding_keys(a.bindings);
  result.topo.dead_letter_exchange = a.dead_letter_exchange;
  result.prefetch = a.prefetch;
  result.heartbeat = std::chrono::seconds{a.heartbeat_s};
  result.timeout = milliseconds{a.connect_timeout_ms};
  return result;
}

std::optional<child_spec> amqp_child(const config& cfg) {
  if (!cfg.amqp.enabled) return std::nullopt;
  auto consumer = amqp_consumer_options(cfg);
  const auto& a = cfg.amqp;
  amqp_ingest_options base;
  base.queues = cfg.queues;
  base.batch_max = a.batch_max;
  base.batch_delay = milliseconds{a.batch_delay_ms};
  base.backoff = exponential_backoff(milliseconds{a.reconnect_base_ms}, 2.0,
                                     milliseconds{a.reconnect_cap_ms},
                                     jitter_mode::full);
  base.make_link = [consumer](caf::actor sink) {
    return std::make_unique<io::amqp::consumer>(consumer, std::move(sink));
  };
  return make_child("amqp_ingest", "amqp_ingest",
                    [base](caf::local_actor* sup, const std::string&) {
                      auto& sys = sup->system();
                      auto opts = base;
                      opts.database = [&sys] {
                        return caf::actor_cast<database_actor>(
                            sys.registry().get(database_atom_v));
                      };
                      return caf::actor_cast<caf::actor>(
                          spawn_amqp_ingest(sys, opts));
                    });
}

} // namespace switchboard
