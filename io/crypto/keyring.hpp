#pragma once

// Encryption at rest (account tokens, message bodies): authenticated
// encryption with XChaCha20-Poly1305 (libsodium), one random 192-bit nonce
// per value.
//
// A sealed value is binary: [format 0x01][key id][24-byte nonce][ciphertext
// and 16-byte tag]. The header and a caller-given context (for example the
// account id) are authenticated with the value, so a ciphertext copied to
// another row or with an edited header fails to open.
//
// Promises:
// - seal() always uses the ring's current (first) key; open() accepts any
//   key of the ring, chosen by the key id in the value, so old values stay
//   readable after a new key is put first.
// - open() never returns a value that was not sealed by a key of the ring
//   with the same context; otherwise it throws open_error, whose message
//   names the reason but never any key or plaintext.
// - A keyring is immutable and safe to share between threads.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "io/crypto/secret_key.hpp"

namespace switchboard::crypto {

class open_error : public std::runtime_error {
 public:
  enum class reason : uint8_t {
    /// Too short, or an unknown format byte: not something seal() wrote.
    malformed,
    /// Sealed with a key that is not in the ring (a wrong or missing key).
    unknown_key,
    /// Authentication failed: tampered, or opened with another context.
    forged,
  };

  open_error(reason why, const std::string& what);

  reason why() const {
    return why_;
  }

 private:
  reason why_;
};

class keyring {
 public:
  /// `keys` front is the current key. Throws std::invalid_argument for no
  /// keys or two keys with the same id.
  explicit keyring(std::vector<secret_key> keys);

  std::string seal(std::string_view plaintext, std::string_view context) const;

  /// Throws open_error (see above).
  std::string open(std::string_view sealed, std::string_view context) const;

  /// The id of the key seal() uses.
  uint8_t current_key_id() const {
    return keys_.front().id();
  }

  std::size_t size() const {
    return keys_.size();
  }

 private:
  const secret_key* find(uint8_t id) const;

  std::vector<secret_key> keys_;
};

/// Bytes a sealed value adds to its plaintext.
std::size_t sealed_overhead();

} // namespace switchboard::crypto
