#pragma once

// Where a broker is and how to log in: parsed from an amqp:// URL by
// librabbitmq's own parser (amqp://user:password@host:port/vhost, with
// percent-encoding; amqp://host means user and password "guest", port 5672,
// vhost "/").

#include <optional>
#include <string>

namespace switchboard::io::amqp {

struct endpoint {
  std::string host;
  int port = 5672;
  std::string vhost = "/";
  std::string user = "guest";
  std::string password = "guest";
  /// amqps:// (TLS), which this consumer does not speak yet.
  bool tls = false;
};

/// The endpoint of `url`, or std::nullopt for a URL librabbitmq rejects.
std::optional<endpoint> parse_endpoint(const std::string& url);

/// "host:port (vhost '/', user 'guest')": for logs, never with the
/// password.
std::string describe(const endpoint& ep);

} // namespace switchboard::io::amqp
