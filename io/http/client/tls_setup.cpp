#include "io/http/client/tls_setup.hpp"

#include <boost/asio/ip/address.hpp>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <spdlog/spdlog.h>

#include "messages/error.hpp"

namespace switchboard::http::client {

namespace ssl = boost::asio::ssl;

ssl::context make_tls_context(const std::string& ca_file) {
  ssl::context context{ssl::context::tls_client};
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2
                      | ssl::context::no_sslv3);
  boost::system::error_code ec;
  context.set_default_verify_paths(ec);
  if (ec) spdlog::warn("http client: no system CA store: {}", ec.message());
  if (!ca_file.empty()) {
    context.load_verify_file(ca_file, ec);
    if (ec)
      spdlog::error("http client: cannot load ca_file {}: {}", ca_file,
                    ec.message());
  }
  return context;
}

caf::error prepare_tls(SSL* ssl, const std::string& host, bool verify) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  bool is_address = !ec;
  bool ok = true;
  // RFC 6066: SNI carries host names only, never addresses.
  if (!is_address) ok = SSL_set_tlsext_host_name(ssl, host.c_str()) == 1;
  if (verify && ok) {
    if (is_address)
      ok = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host.c_str())
           == 1;
    else
      ok = SSL_set1_host(ssl, host.c_str()) == 1;
  }
  SSL_set_verify(ssl, verify ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nullptr);
  if (!ok)
    return caf::make_error(errc::net_tls_failure, "cannot set up TLS for host");
  return {};
}

caf::error verify_failure(SSL* ssl, const std::string& origin) {
  auto result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return {};
  return caf::make_error(errc::net_tls_verify_failed, origin,
                         std::string{X509_verify_cert_error_string(result)});
}

} // namespace switchboard::http::client
