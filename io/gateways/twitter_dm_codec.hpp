#pragma once

// Twitter/X API v2 DM events (specs/TWITTER-X-API-v2.md): GET /2/dm_events
// lists the account's recent DM events across conversations, newest first,
// paged by meta.next_token. It has no since_id, so a poll pages from the
// newest until it meets an event at or below the newest one already stored.
// Only MessageCreate events carry text; they are the ones requested, and
// any other type that still arrives is skipped. Pure functions.

#include <string>

#include "io/gateways/twitter_codec.hpp"
#include "messages/http_client.hpp"

namespace switchboard::gateways {

/// What a DM's platform_message_id starts with. The spec gives DM event ids
/// and post ids only as digit strings and never promises they are distinct,
/// and messages are unique per (account, platform_message_id): the prefix
/// keeps a DM from ever colliding with a mention (whose ids stay as they
/// were, so existing rows still match).
constexpr const char* twitter_dm_id_prefix = "dm:";

/// The request for one page; `page_token` empty: the newest page.
http_request twitter_dm_request(const std::string& base_url,
                                const std::string& access_token,
                                const std::string& page_token);

/// Reads a 2xx answer. Keeps the MessageCreate events newer than
/// `stored_dm_id` (the DM part of the cursor; empty: keep all); once an
/// event at or below it appears, the stream is done (next_token empty).
/// newest_id is the newest event id on the page, of any type.
twitter_parse_result parse_twitter_dm_events(const std::string& body,
                                             const std::string& stored_dm_id);

} // namespace switchboard::gateways
