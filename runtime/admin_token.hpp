#pragma once

// The admin bearer token. There is never an empty default: without a
// configured token the node generates one into <data_dir>/admin_token (mode
// 0600) on first start and reuses it afterwards.

#include <string>

namespace switchboard {

struct admin_token {
  std::string value;
  /// Where the token was read from or written to; empty when configured.
  std::string file;
  /// True when this start generated the token.
  bool generated = false;
};

/// Returns `configured` when non-empty, else the token stored in `data_dir`,
/// creating it (32 random bytes, hex) when absent. Throws std::runtime_error
/// on I/O failure.
admin_token resolve_admin_token(const std::string& configured,
                                const std::string& data_dir);

} // namespace switchboard
