#pragma once

// What a platform gateway makes of one page of a poll: the messages, where
// the next page starts, and the newest platform id seen (the next cursor).
// Codecs are pure: no I/O, no clock, no logging.

#include <string>
#include <vector>

#include "messages/polling.hpp"

namespace switchboard::gateways {

struct gateway_page {
  std::vector<polled_message> messages;
  /// Empty on the last page of this poll.
  std::string next_token;
  /// The newest message id on this page, empty when none.
  std::string newest_id;
};

/// A 2xx answer that could not be understood; `error` names what was wrong,
/// never a token or a body.
struct gateway_parse_result {
  bool ok = false;
  gateway_page page;
  std::string error;
};

/// Whether platform id `a` is newer than `b` (ids are decimal strings:
/// longer is newer, then by text; an empty id is oldest).
bool newer_id(const std::string& a, const std::string& b);

/// Percent-encodes `text` for a URL path segment.
std::string encode_path_segment(const std::string& text);

} // namespace switchboard::gateways
