#include "io/http/client/client_url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "messages/error.hpp"

namespace switchboard::http::client {

namespace {

caf::error bad_url(const char* why) {
  return caf::make_error(errc::invalid_argument, std::string{"url: "} + why);
}

uint16_t default_port(bool tls) {
  return tls ? 443 : 80;
}

std::string bracketed(const std::string& host) {
  return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

} // namespace

std::string client_url::origin() const {
  return std::string{tls ? "https://" : "http://"} + bracketed(host) + ":"
         + std::to_string(port);
}

std::string client_url::host_header() const {
  if (port == default_port(tls)) return bracketed(host);
  return bracketed(host) + ":" + std::to_string(port);
}

caf::expected<client_url>
parse_client_url(const std::string& url, const std::vector<http_field>& query) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return bad_url("not an absolute URL");
  boost::urls::url u{*parsed};
  client_url result;
  auto scheme = u.scheme_id();
  if (scheme != boost::urls::scheme::http
      && scheme != boost::urls::scheme::https)
    return bad_url("scheme is not http or https");
  if (u.has_userinfo()) return bad_url("user info is not supported");
  result.tls = scheme == boost::urls::scheme::https;
  result.host = u.host_address();
  if (result.host.empty()) return bad_url("no host");
  if (u.has_port() && u.port_number() == 0) return bad_url("bad port");
  result.port = u.has_port() ? u.port_number() : default_port(result.tls);
  for (auto& field : query)
    u.params().append({field.name, field.value});
  u.remove_fragment();
  result.target = std::string{u.encoded_target()};
  if (result.target.empty() || result.target.front() != '/')
    result.target.insert(0, "/");
  return result;
}

} // namespace switchboard::http::client
