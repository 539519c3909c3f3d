#include "io/smtp/mail_headers.hpp"

#include <algorithm>
#include <date/date.h>
#include <openssl/evp.h>
#include <random>

namespace switchboard::smtp {

namespace {

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x80;
  });
}

std::string base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  auto n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                           reinterpret_cast<const unsigned char*>(data.data()),
                           static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string random_hex(size_t digits) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  constexpr std::string_view hex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < digits; ++i)
    out += hex[rng() % hex.size()];
  return out;
}

} // namespace

std::string encode_header_text(std::string_view utf8) {
  std::string clean;
  for (char c : utf8)
    if (c != '\r' && c != '\n') clean += c;
  if (is_ascii(clean)) return clean;
  return "=?UTF-8?B?" + base64(clean) + "?=";
}

std::string rfc5322_date(std::chrono::system_clock::time_point when) {
  return date::format("%a, %d %b %Y %H:%M:%S +0000",
                      date::floor<std::chrono::seconds>(when));
}

std::string address_of(std::string_view from) {
  auto open = from.rfind('<');
  auto close = from.rfind('>');
  if (open == std::string_view::npos || close == std::string_view::npos
      || close < open)
    return std::string{from};
  return std::string{from.substr(open + 1, close - open - 1)};
}

std::string domain_of(std::string_view address) {
  auto at = address.rfind('@');
  if (at == std::string_view::npos || at + 1 == address.size())
    return "localhost";
  auto domain = address.substr(at + 1);
  if (auto end = domain.find('>'); end != std::string_view::npos)
    domain = domain.substr(0, end);
  return std::string{domain};
}

std::string make_message_id(std::string_view job_id, int attempt,
                            std::string_view from_address) {
  return "<sb." + std::string{job_id} + "." + std::to_string(attempt) + "."
         + random_hex(16) + "@" + domain_of(from_address) + ">";
}

bool is_plain_address(std::string_view address) {
  auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == address.size()
      || address.find('@', at + 1) != std::string_view::npos)
    return false;
  return std::none_of(address.begin(), address.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ','
           || c == ';';
  });
}

} // namespace switchboard::smtp
