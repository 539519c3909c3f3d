#pragma once

// The admin token check of API.md: `Authorization: Bearer <token>`.

#include <string_view>

namespace switchboard::http {

/// Whether an Authorization header value carries `token` as a bearer token.
/// The scheme is matched case-insensitively; the token is compared in
/// constant time (CRYPTO_memcmp) so that timing reveals nothing of it. An
/// empty expected token matches nothing.
bool bearer_token_matches(std::string_view authorization,
                          std::string_view token);

} // namespace switchboard::http
