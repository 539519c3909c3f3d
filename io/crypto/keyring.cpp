#include "io/crypto/keyring.hpp"

#include <algorithm>
#include <sodium.h>

namespace switchboard::crypto {

namespace {

constexpr unsigned char format_xchacha = 0x01;
constexpr std::size_t header_bytes = 2;
constexpr std::size_t nonce_bytes
    = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t tag_bytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t prefix_bytes = header_bytes + nonce_bytes;

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

unsigned char* bytes(std::string& text) {
  return reinterpret_cast<unsigned char*>(text.data());
}

// The associated data: the header, then the context.
std::string associated(std::string_view header, std::string_view context) {
  std::string ad;
  ad.reserve(header.size() + context.size());
  ad.append(header);
  ad.append(context);
  return ad;
}

} // namespace

open_error::open_error(reason why, const std::string& what)
    : std::runtime_error(what), why_(why) {
  // nop
}

keyring::keyring(std::vector<secret_key> keys) : keys_(std::move(keys)) {
  if (keys_.empty()) throw std::invalid_argument("key ring without keys");
  for (auto i = keys_.begin(); i != keys_.end(); ++i)
    if (std::any_of(i + 1, keys_.end(), [&](const secret_key& k) {
          return k.id() == i->id();
        }))
      throw std::invalid_argument("two encryption keys share key id "
                                  + std::to_string(i->id())
                                  + "; generate another key");
}

const secret_key* keyring::find(uint8_t id) const {
  auto i = std::find_if(keys_.begin(), keys_.end(), [id](const secret_key& k) {
    return k.id() == id;
  });
  return i == keys_.end() ? nullptr : &*i;
}

std::string keyring::seal(std::string_view plaintext,
                          std::string_view context) const {
  const auto& key = keys_.front();
  std::string out(prefix_bytes + plaintext.size() + tag_bytes, '\0');
  out[0] = static_cast<char>(format_xchacha);
  out[1] = static_cast<char>(key.id());
  randombytes_buf(bytes(out) + header_bytes, nonce_bytes);
  auto ad = associated(std::string_view{out}.substr(0, header_bytes), context);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      bytes(out) + prefix_bytes, &len, bytes(plaintext), plaintext.size(),
      bytes(ad), ad.size(), nullptr, bytes(out) + header_bytes, key.data());
  out.resize(prefix_bytes + len);
  return out;
}

std::string keyring::open(std::string_view sealed,
                          std::string_view context) const {
  using why = open_error::reason;
  if (sealed.size() < prefix_bytes + tag_bytes)
    throw open_error(why::malformed, "sealed value is too short");
  if (static_cast<unsigned char>(sealed[0]) != format_xchacha)
    throw open_error(why::malformed, "sealed value has an unknown format");
  auto id = static_cast<uint8_t>(sealed[1]);
  auto key = find(id);
  if (key == nullptr)
    throw open_error(why::unknown_key, "sealed with key id "
                                           + std::to_string(id)
                                           + ", which is not configured");
  auto ad = associated(sealed.substr(0, header_bytes), context);
  auto cipher = sealed.substr(prefix_bytes);
  std::string out(cipher.size() - tag_bytes, '\0');
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          bytes(out), &len, nullptr, bytes(cipher), cipher.size(), bytes(ad),
          ad.size(), bytes(sealed) + header_bytes, key->data())
      != 0)
    throw open_error(why::forged, "sealed value failed authentication");
  out.resize(len);
  return out;
}

std::size_t sealed_overhead() {
  return prefix_bytes + tag_bytes;
}

} // namespace switchboard::crypto
