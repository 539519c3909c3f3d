#pragma once

// A 256-bit key for encryption at rest, and its text forms.
//
// Promises:
// - A key's id is derived from the key itself (one byte of a keyed BLAKE2b
//   hash), so rotating keys needs no numbering by hand; a key ring refuses
//   two keys with the same id.
// - Parsing accepts 64 hex digits or base64 (standard or URL-safe, padded or
//   not) of exactly 32 bytes, surrounded by whitespace or not. Its errors
//   never contain the key text.
// - The key bytes are wiped when a key is destroyed.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace switchboard::crypto {

constexpr std::size_t key_bytes = 32;

class secret_key {
 public:
  explicit secret_key(const std::array<unsigned char, key_bytes>& bytes);

  secret_key(const secret_key&) = default;
  secret_key& operator=(const secret_key&) = default;

  ~secret_key();

  /// A fresh random key.
  static secret_key generate();

  /// Parses hex or base64 (see above); throws std::invalid_argument.
  static secret_key parse(std::string_view text);

  /// The key as 64 lowercase hex digits (the key file's format).
  std::string to_hex() const;

  uint8_t id() const {
    return id_;
  }

  const unsigned char* data() const {
    return bytes_.data();
  }

 private:
  std::array<unsigned char, key_bytes> bytes_;
  uint8_t id_;
};

/// Calls sodium_init() once; throws std::runtime_error when it fails.
void init_sodium();

} // namespace switchboard::crypto
