#include "io/amqp/endpoint.hpp"

#include <amqp.h>
#include <vector>

namespace switchboard::io::amqp {

std::optional<endpoint> parse_endpoint(const std::string& url) {
  // amqp_parse_url decodes in place and points into its argument.
  std::vector<char> buf(url.begin(), url.end());
  buf.push_back('\0');
  amqp_connection_info info;
  amqp_default_connection_info(&info);
  if (amqp_parse_url(buf.data(), &info) != AMQP_STATUS_OK) return std::nullopt;
  endpoint result;
  result.host = info.host;
  result.port = info.port;
  result.vhost = info.vhost;
  result.user = info.user;
  result.password = info.password;
  result.tls = info.ssl != 0;
  return result;
}

std::string describe(const endpoint& ep) {
  return ep.host + ":" + std::to_string(ep.port) + " (vhost '" + ep.vhost
         + "', user '" + ep.user + "')";
}

} // namespace switchboard::io::amqp
