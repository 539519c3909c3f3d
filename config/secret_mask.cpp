#include "config/secret_mask.hpp"

#include <regex>

namespace switchboard {

namespace {

// The password of scheme://user:password@host, which ends at the last '@'
// before the path.
std::string mask_userinfo(std::string url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  auto start = scheme_end + 3;
  auto authority_end = url.find_first_of("/?#", start);
  auto at = url.rfind('@', authority_end == std::string::npos ? url.npos
                                                              : authority_end);
  if (at == std::string::npos || at < start) return url;
  auto colon = url.find(':', start);
  if (colon == std::string::npos || colon > at) return url;
  return url.replace(colon + 1, at - colon - 1, masked);
}

// password=... in a query string or a libpq key=value string; the value may
// be single-quoted with backslash escapes.
std::string mask_parameter(const std::string& text) {
  static const std::regex parameter{
      R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+))", std::regex::icase};
  return std::regex_replace(text, parameter, std::string{"$1"} + masked);
}

} // namespace

std::string mask_password(const std::string& url) {
  return mask_parameter(mask_userinfo(url));
}

} // namespace switchboard
