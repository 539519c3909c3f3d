#pragma once

// JSON of the polling routes (API.md "Polling", docs/polling.md): accounts
// (never their token), decrypted messages, failed polls, stats, and the
// validation of a connect request. Pure.

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "io/http/message.hpp"
#include "messages/polling.hpp"
#include "messages/polling_ops.hpp"

namespace switchboard::http {

nlohmann::json account_json(const connected_account& x);
nlohmann::json stored_message_json(const stored_message& x);
nlohmann::json poll_failure_json(const poll_failure& x);
nlohmann::json polling_stats_json(const polling_stats& x);

/// Reads PUT /api/accounts/{id}: `{platform, user_id, access_token,
/// poll_interval_ms?, adaptive?}`; `known_platform` says whether a platform
/// name exists. A 400 response when something is missing or wrong (never
/// echoing the token).
std::variant<account_connection, response>
parse_account_connection(const std::string& id, const nlohmann::json& body,
                         bool (*known_platform)(std::string_view));

/// ?limit= within [1, max], default `fallback`; a 400 when malformed.
std::variant<size_t, response> parse_limit(const request& req, size_t fallback,
                                           size_t max);

} // namespace switchboard::http
