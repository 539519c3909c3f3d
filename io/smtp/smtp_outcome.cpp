#include "io/smtp/smtp_outcome.hpp"

#include <curl/curl.h>

namespace switchboard::smtp {

namespace {

delivery_result failure(delivery_status status, std::string code,
                        std::string text) {
  delivery_result result;
  result.status = status;
  result.error_code = std::move(code);
  result.error = std::move(text);
  return result;
}

bool is_config_error(int curl_code) {
  switch (curl_code) {
  case CURLE_UNSUPPORTED_PROTOCOL:
  case CURLE_URL_MALFORMAT:
  case CURLE_LOGIN_DENIED:
  case CURLE_USE_SSL_FAILED: return true;
  default: return false;
  }
}

} // namespace

delivery_result classify(const send_status& status,
                         const std::string& message_id) {
  if (status.curl_code == CURLE_OK) {
    delivery_result result;
    result.provider_message_id = message_id;
    return result;
  }
  auto what = "smtp: " + status.error;
  if (status.smtp_code >= 500 && status.smtp_code < 600
      && status.curl_code != CURLE_LOGIN_DENIED)
    return failure(delivery_status::permanent,
                   "smtp_" + std::to_string(status.smtp_code), what);
  if (status.smtp_code >= 400 && status.smtp_code < 500)
    return failure(delivery_status::transient,
                   "smtp_" + std::to_string(status.smtp_code), what);
  if (is_config_error(status.curl_code))
    return failure(delivery_status::permanent,
                   status.curl_code == CURLE_LOGIN_DENIED ? "smtp_auth"
                                                          : "smtp_config",
                   what);
  if (status.curl_code == CURLE_OPERATION_TIMEDOUT)
    return failure(delivery_status::transient, "timeout", what);
  return failure(delivery_status::transient, "network", what);
}

} // namespace switchboard::smtp
