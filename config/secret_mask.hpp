#pragma once

#include <string>

namespace switchboard {

/// What a masked secret looks like in logs.
inline constexpr const char* masked = "***";

/// `url` with its password replaced by "***": the one in the userinfo of a
/// URL (postgresql://user:pw@host/db) and any password=... parameter, in a
/// query string or a key=value connection string. Everything else is kept so
/// the log still shows which database is meant.
std::string mask_password(const std::string& url);

} // namespace switchboard
