#include "io/crypto/secret_key.hpp"

#include <sodium.h>
#include <stdexcept>

namespace switchboard::crypto {

namespace {

using key_array = std::array<unsigned char, key_bytes>;

// Domain separation: the id hash is keyed by this constant, so it says
// nothing usable about the key beyond one byte.
constexpr std::string_view id_context = "switchboard key id v1";

uint8_t derive_id(const key_array& key) {
  std::array<unsigned char, crypto_generichash_BYTES_MIN> out{};
  crypto_generichash(out.data(), out.size(), key.data(), key.size(),
                     reinterpret_cast<const unsigned char*>(id_context.data()),
                     id_context.size());
  return out[0];
}

std::string_view trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool decode_hex(std::string_view text, key_array& out) {
  size_t len = 0;
  const char* end = nullptr;
  return text.size() == 2 * key_bytes
         && sodium_hex2bin(out.data(), out.size(), text.data(), text.size(),
                           nullptr, &len, &end)
                == 0
         && len == key_bytes && end == text.data() + text.size();
}

bool decode_base64(std::string_view text, int variant, key_array& out) {
  // One spare byte so that a 33-byte input is detected as too long.
  std::array<unsigned char, key_bytes + 1> buf{};
  size_t len = 0;
  const char* end = nullptr;
  auto ok = sodium_base642bin(buf.data(), buf.size(), text.data(), text.size(),
                              nullptr, &len, &end, variant)
                == 0
            && len == key_bytes && end == text.data() + text.size();
  if (ok) std::copy(buf.begin(), buf.begin() + key_bytes, out.begin());
  sodium_memzero(buf.data(), buf.size());
  return ok;
}

bool decode_any_base64(std::string_view text, key_array& out) {
  for (auto variant : {sodium_base64_VARIANT_ORIGINAL,
                       sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
                       sodium_base64_VARIANT_URLSAFE,
                       sodium_base64_VARIANT_URLSAFE_NO_PADDING})
    if (decode_base64(text, variant, out)) return true;
  return false;
}

} // namespace

void init_sodium() {
  if (sodium_init() < 0)
    throw std::runtime_error("libsodium failed to initialise");
}

secret_key::secret_key(const key_array& bytes) : bytes_(bytes) {
  init_sodium();
  id_ = derive_id(bytes_);
}

secret_key::~secret_key() {
  sodium_memzero(bytes_.data(), bytes_.size());
}

secret_key secret_key::generate() {
  init_sodium();
  key_array bytes;
  crypto_aead_xchacha20poly1305_ietf_keygen(bytes.data());
  secret_key result{bytes};
  sodium_memzero(bytes.data(), bytes.size());
  return result;
}

secret_key secret_key::parse(std::string_view text) {
  init_sodium();
  auto body = trim(text);
  if (body.empty()) throw std::invalid_argument("encryption key is empty");
  key_array bytes{};
  if (!decode_hex(body, bytes) && !decode_any_base64(body, bytes))
    throw std::invalid_argument(
        "encryption key must be 32 bytes as 64 hex digits or base64");
  secret_key result{bytes};
  sodium_memzero(bytes.data(), bytes.size());
  return result;
}

std::string secret_key::to_hex() const {
  std::string hex(2 * key_bytes + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes_.data(), bytes_.size());
  hex.pop_back();
  return hex;
}

} // namespace switchboard::crypto
