#pragma once

// The stored cursor of a Twitter/X account, which covers two streams: the
// since_id of its mentions and the newest DM event id it has stored.
//
//   ""               nothing stored yet
//   "<digits>"       version 1, written before DMs were polled: the
//                    mentions since_id (existing databases keep working)
//   "tw2:<m>:<d>"    version 2: mentions since_id <m>, newest DM event <d>
//                    (either may be empty)
//
// Why this shape: the poller and persistence keep the newest cursor by
// gateways::newer_id (longer is newer, then by text), and a poll only ever
// raises each component. A raised component is never shorter, so a version 2
// cursor is never older than the one it replaces: it is longer than any
// version 1 cursor (the prefix), and at equal length the first component
// that differs decides. Two cursors that raised different components at once
// (two nodes polling one account during a handover) may lose one raise;
// that only re-fetches messages, which the unique key drops. Pure functions.

#include <optional>
#include <string>

namespace switchboard::gateways {

struct twitter_cursor {
  /// since_id for /2/users/{id}/mentions; empty: none yet.
  std::string mentions;
  /// The newest DM event id stored; empty: none yet.
  std::string dms;
};

/// Reads a stored cursor of either version; nullopt when it is neither.
std::optional<twitter_cursor> parse_twitter_cursor(const std::string& text);

/// The version 2 form of `cursor`.
std::string to_string(const twitter_cursor& cursor);

/// `a` with each component raised to `b`'s where that is newer.
twitter_cursor newest_of(twitter_cursor a, const twitter_cursor& b);

/// Whether `text` is a platform id: 1 to 19 ASCII digits (X ids are
/// unsigned 64-bit decimal strings).
bool is_twitter_id(const std::string& text);

} // namespace switchboard::gateways
