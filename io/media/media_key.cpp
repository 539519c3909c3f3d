#include "io/media/media_key.hpp"

namespace switchboard::io::media {

namespace {

constexpr size_t max_key_length = 512;

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool is_valid_segment(std::string_view segment) {
  if (segment.empty() || segment.front() == '.') return false;
  for (char c : segment)
    if (!is_key_char(c)) return false;
  return true;
}

} // namespace

bool is_valid_media_key(std::string_view key) {
  if (key.empty() || key.size() > max_key_length) return false;
  size_t start = 0;
  for (;;) {
    auto slash = key.find('/', start);
    auto segment = key.substr(start, slash == std::string_view::npos
                                         ? std::string_view::npos
                                         : slash - start);
    if (!is_valid_segment(segment)) return false;
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

std::string processed_key(std::string_view message_id, std::string_view name) {
  std::string result{"processed/"};
  result.append(message_id).append("/").append(name);
  return result;
}

} // namespace switchboard::io::media
