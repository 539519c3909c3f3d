#pragma once

// The key ring of encryption at rest (account tokens, message bodies;
// io/crypto/keyring.hpp). Like the admin token there is never a default
// key: without polling.encryption_key the node generates one into a key file
// (mode 0600) on first start and reuses it afterwards.
//
// A key file holds one key per line (64 hex digits or base64; blank lines
// and lines starting with '#' are skipped): the first is the key in use,
// later ones are older keys still accepted for reading, which is how keys
// rotate. Errors name the file, never a key.

#include <memory>
#include <string>

#include "io/crypto/keyring.hpp"

namespace switchboard {

struct encryption_keys {
  std::shared_ptr<const crypto::keyring> ring;
  /// The key file read or written; empty when the key was configured.
  std::string file;
  /// True when this start generated the key file.
  bool generated = false;
};

/// Returns the ring of `configured` when non-empty, else the keys of
/// `key_file` (empty: <data_dir>/encryption_key), creating that file with a
/// fresh key when absent. Throws std::runtime_error for an unreadable,
/// empty or malformed key file, or one that group or others may access.
encryption_keys resolve_encryption_keys(const std::string& configured,
                                        const std::string& key_file,
                                        const std::string& data_dir);

} // namespace switchboard
