#pragma once

// The page token of one Twitter/X poll, opaque to the poller: which stream
// the next request reads, the cursor covering what the poll has seen so far
// (twitter_cursor.hpp), and the platform's own pagination token.
//
//   ""                          the first mentions page (the poller's start)
//   "<s>|<cursor>|<platform>"   s = "m" mentions or "d" DM events; an empty
//                               <platform> is the stream's first page
//
// The platform token is last, so any text X sends there survives. Pure.

#include <optional>
#include <string>

#include "io/gateways/twitter_cursor.hpp"

namespace switchboard::gateways {

enum class twitter_stream { mentions, dms };

struct twitter_walk {
  twitter_stream stream = twitter_stream::mentions;
  /// Everything seen so far in this poll, with the stored cursor.
  twitter_cursor seen;
  /// meta.next_token of the stream's previous page; empty: its first page.
  std::string platform_token;
};

/// Reads a page token; `stored` is the account's cursor, which the first
/// page ("") starts from. nullopt when the token is not one of ours.
std::optional<twitter_walk> parse_twitter_walk(const std::string& page_token,
                                               const twitter_cursor& stored);

std::string to_string(const twitter_walk& walk);

} // namespace switchboard::gateways
