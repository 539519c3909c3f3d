#pragma once

// What the notifications log keeps of a recipient: enough to tell two
// recipients apart when reading the log, not enough to reach them.

#include <string>

#include "messages/notifications.hpp"

namespace switchboard::notify {

/// "…" and the last 6 characters of a device token ("…" alone when it is
/// shorter than 12).
std::string mask_token(const std::string& token);

/// The first character of the local part, "***", and the domain:
/// "j***@example.org".
std::string mask_email(const std::string& address);

/// The leading "+" and two digits, "*" for the middle, the last three
/// digits: "+48******789".
std::string mask_phone(const std::string& number);

/// The mask of the recipient field of `n`'s type ("" for an unknown type).
std::string mask_recipient(const notification& n);

} // namespace switchboard::notify
