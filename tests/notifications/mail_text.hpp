#pragma once

// Reading a received e-mail in tests: quoted-printable soft line breaks and
// =XX escapes undone, so checks can look for the text as it was sent. Only
// "=" followed by two hex digits or a line break is decoded, so headers
// (boundary=..., charset=...) read the same after decoding.

#include <cctype>
#include <cstdlib>
#include <string>

namespace switchboard::test {

inline bool is_hex_pair(const std::string& in, size_t i) {
  return i + 1 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i]))
         && std::isxdigit(static_cast<unsigned char>(in[i + 1]));
}

inline std::string qp_decode(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '=' && in.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else if (in[i] == '=' && i + 1 < in.size() && in[i + 1] == '\n') {
      i += 1;
    } else if (in[i] == '=' && is_hex_pair(in, i + 1)) {
      out += static_cast<char>(
          std::strtol(in.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

} // namespace switchboard::test
