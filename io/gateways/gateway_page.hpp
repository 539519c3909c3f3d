#pragma once

// What a platform gateway makes of one page of a poll: the messages, where
// the next page starts, and the cursor the page brings the account to.
// Codecs are pure: no I/O, no clock, no logging.

#include <string>
#include <vector>

#include "messages/polling.hpp"

namespace switchboard::gateways {

struct gateway_page {
  std::vector<polled_message> messages;
  /// Empty on the last page of this poll.
  std::string next_token;
  /// A cursor covering this page (the gateway's own format, stored as the
  /// account's cursor and handed back to the gateway by the next poll);
  /// empty when the page adds nothing. The poller keeps the newest one of
  /// the walk by newer_id() and stores it only when the walk completed;
  /// persistence never replaces a stored cursor by one that is not newer
  /// by the same order. So a gateway's cursors must only grow under
  /// newer_id() as a walk advances. LinkedIn: the newest comment id of the
  /// page. Twitter/X: the full composite cursor of everything the walk has
  /// seen so far (twitter_cursor.hpp).
  std::string cursor;
};

/// A 2xx answer that could not be understood; `error` names what was wrong,
/// never a token or a body.
struct gateway_parse_result {
  bool ok = false;
  gateway_page page;
  std::string error;
};

/// Whether platform id `a` is newer than `b` (ids are decimal strings:
/// longer is newer, then by text; an empty id is oldest). Cursors compare
/// the same way.
bool newer_id(const std::string& a, const std::string& b);

/// Percent-encodes `text` for a URL path segment.
std::string encode_path_segment(const std::string& text);

} // namespace switchboard::gateways
