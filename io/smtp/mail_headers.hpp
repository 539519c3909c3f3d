#pragma once

// Header values of an outgoing e-mail (RFC 5322, RFC 2047), as pure
// functions.

#include <chrono>
#include <string>
#include <string_view>

namespace switchboard::smtp {

/// A header value safe to send: CR and LF removed (no header injection);
/// non-ASCII text as one RFC 2047 encoded word (=?UTF-8?B?...?=).
std::string encode_header_text(std::string_view utf8);

/// The Date header's value, e.g. "Tue, 03 Mar 2026 09:05:00 +0000".
std::string rfc5322_date(std::chrono::system_clock::time_point when);

/// The bare address of a From value: "Hub <hub@example.org>" gives
/// "hub@example.org"; a bare address is returned as it is.
std::string address_of(std::string_view from);

/// The part after the last '@' of an address ("localhost" when none).
std::string domain_of(std::string_view address);

/// A Message-ID for attempt `attempt` of job `job_id`, unique across
/// attempts and nodes: <sb.JOB.ATTEMPT.RANDOM@DOMAIN>.
std::string make_message_id(std::string_view job_id, int attempt,
                            std::string_view from_address);

/// Whether `address` can go into MAIL FROM / RCPT TO: one '@' with text on
/// both sides, no whitespace, no control characters, no <>.
bool is_plain_address(std::string_view address);

} // namespace switchboard::smtp
