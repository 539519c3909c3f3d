#include "io/http/bearer_auth.hpp"

#include <cctype>
#include <openssl/crypto.h>

namespace switchboard::http {

namespace {

constexpr std::string_view scheme = "bearer";

bool starts_with_scheme(std::string_view value) {
  if (value.size() <= scheme.size() || value[scheme.size()] != ' ')
    return false;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (std::tolower(c) != scheme[i]) return false;
  }
  return true;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

} // namespace

bool bearer_token_matches(std::string_view authorization,
                          std::string_view token) {
  if (token.empty() || !starts_with_scheme(authorization)) return false;
  auto given = trim(authorization.substr(scheme.size() + 1));
  // The length is not secret (it is fixed per deployment); the bytes are.
  if (given.size() != token.size()) return false;
  return CRYPTO_memcmp(given.data(), token.data(), token.size()) == 0;
}

} // namespace switchboard::http
