#pragma once

// The client actor: what gateways and pollers talk to (the protocol is
// http_client_actor in messages/http_client.hpp). It owns an http_client,
// keeps one response promise per request in flight and answers it when the
// Asio side reports back. Per-host request counts and latency go to
// Prometheus when a registry is given:
//   switchboard_http_client_requests_total{host, outcome}        counter
//   switchboard_http_client_request_duration_seconds{host}       histogram
// `host` is scheme://host:port; `outcome` is the status class (2xx, 4xx,
// ...) or the error name (net_read_timeout, ...).

#include <caf/fwd.hpp>

#include "config/config.hpp"
#include "messages/http_client.hpp"

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace prometheus {
class Registry;
} // namespace prometheus

namespace switchboard::http::client {

/// Spawns the client actor. `context` (an io_runtime's) must run until the
/// actor is gone: stop the actor (and await its DOWN) before the io_runtime
/// stops, since its connection pools live on the context. `registry` may be
/// null (no metrics) and must outlive the actor otherwise.
http_client_actor spawn_http_client(caf::actor_system& sys,
                                    boost::asio::io_context& context,
                                    const http_client_settings& settings,
                                    prometheus::Registry* registry = nullptr);

} // namespace switchboard::http::client
