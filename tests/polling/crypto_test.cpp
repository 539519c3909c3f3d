#define CAF_SUITE polling.crypto
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "io/crypto/keyring.hpp"
#include "tests/support/throws.hpp"

using namespace switchboard::crypto;
using switchboard::test::throws;

namespace {

// Hex of bytes 0x00..0x1f, and the same key in base64.
constexpr const char* key_hex
    = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr const char* key_b64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
constexpr const char* key_b64url
    = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

keyring ring_of(std::vector<secret_key> keys) {
  return keyring{std::move(keys)};
}

// Which reason opening `sealed` fails with; nullopt when it opens.
std::optional<open_error::reason> open_failure(const keyring& ring,
                                               const std::string& sealed,
                                               const std::string& context) {
  try {
    ring.open(sealed, context);
    return std::nullopt;
  } catch (const open_error& e) {
    return e.why();
  }
}

} // namespace

CAF_TEST(a sealed value opens to its plaintext) {
  auto ring = ring_of({secret_key::generate()});
  for (std::string text : {std::string{}, std::string{"hello"},
                           std::string(100000, 'x'), std::string("a\0b", 3)}) {
    auto sealed = ring.seal(text, "acc-1");
    CAF_CHECK_EQUAL(sealed.size(), text.size() + sealed_overhead());
    CAF_CHECK_EQUAL(ring.open(sealed, "acc-1"), text);
  }
}

CAF_TEST(every seal uses a fresh nonce) {
  auto ring = ring_of({secret_key::generate()});
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i)
    seen.insert(ring.seal("same text", "ctx"));
  CAF_CHECK_EQUAL(seen.size(), 100u);
}

CAF_TEST(the ciphertext does not contain the plaintext) {
  auto ring = ring_of({secret_key::generate()});
  std::string text = "a rather recognisable secret message body";
  auto sealed = ring.seal(text, "ctx");
  CAF_CHECK_EQUAL(sealed.find(text), std::string::npos);
  CAF_CHECK_EQUAL(sealed.find("secret"), std::string::npos);
}

CAF_TEST(any flipped byte is detected) {
  auto ring = ring_of({secret_key::generate()});
  auto sealed = ring.seal("pay 10 to alice", "acc-1");
  for (size_t i = 0; i < sealed.size(); ++i) {
    auto bad = sealed;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    auto why = open_failure(ring, bad, "acc-1");
    CAF_REQUIRE(why.has_value());
    // Byte 0 is the format, byte 1 the key id; the rest is authenticated.
    if (i == 0)
      CAF_CHECK(*why == open_error::reason::malformed);
    else if (i == 1)
      CAF_CHECK(*why == open_error::reason::unknown_key);
    else
      CAF_CHECK(*why == open_error::reason::forged);
  }
}

CAF_TEST(a truncated or empty value is malformed) {
  auto ring = ring_of({secret_key::generate()});
  auto sealed = ring.seal("x", "c");
  auto short_one = sealed.substr(0, sealed_overhead() - 1);
  auto why = open_failure(ring, short_one, "c");
  CAF_REQUIRE(why.has_value());
  CAF_CHECK(*why == open_error::reason::malformed);
  auto empty = open_failure(ring, "", "c");
  CAF_REQUIRE(empty.has_value());
  CAF_CHECK(*empty == open_error::reason::malformed);
  auto cut_tag = open_failure(ring, sealed.substr(0, sealed.size() - 1), "c");
  CAF_REQUIRE(cut_tag.has_value());
  CAF_CHECK(*cut_tag == open_error::reason::forged);
}

CAF_TEST(a value moved to another context does not open) {
  auto ring = ring_of({secret_key::generate()});
  auto sealed = ring.seal("token", "account:a");
  auto why = open_failure(ring, sealed, "account:b");
  CAF_REQUIRE(why.has_value());
  CAF_CHECK(*why == open_error::reason::forged);
}

CAF_TEST(a wrong key is reported as unknown and reveals nothing) {
  auto a = secret_key::generate();
  auto b = secret_key::generate();
  if (a.id() == b.id()) b = secret_key::generate(); // 1 in 256
  CAF_REQUIRE_NOT_EQUAL(a.id(), b.id());
  auto sealed = ring_of({a}).seal("plain words", "ctx");
  try {
    ring_of({b}).open(sealed, "ctx");
    CAF_FAIL("opened with the wrong key");
  } catch (const open_error& e) {
    CAF_CHECK(e.why() == open_error::reason::unknown_key);
    std::string what = e.what();
    CAF_CHECK_EQUAL(what.find("plain"), std::string::npos);
    CAF_CHECK_EQUAL(what.find(a.to_hex()), std::string::npos);
    CAF_CHECK_EQUAL(what.find(b.to_hex()), std::string::npos);
  }
}

CAF_TEST(an old key still opens after rotation) {
  auto old_key = secret_key::generate();
  auto new_key = secret_key::generate();
  if (old_key.id() == new_key.id()) new_key = secret_key::generate();
  CAF_REQUIRE_NOT_EQUAL(old_key.id(), new_key.id());
  auto old_sealed = ring_of({old_key}).seal("before", "c");
  auto rotated = ring_of({new_key, old_key});
  CAF_CHECK_EQUAL(rotated.current_key_id(), new_key.id());
  CAF_CHECK_EQUAL(rotated.open(old_sealed, "c"), "before");
  auto new_sealed = rotated.seal("after", "c");
  CAF_CHECK_EQUAL(static_cast<uint8_t>(new_sealed[1]), new_key.id());
  CAF_CHECK_EQUAL(rotated.open(new_sealed, "c"), "after");
}

CAF_TEST(a ring needs keys with distinct ids) {
  CAF_CHECK(throws<std::invalid_argument>([] {
    keyring{std::vector<secret_key>{}};
  }));
  auto k = secret_key::generate();
  CAF_CHECK(throws<std::invalid_argument>([&] {
    keyring{std::vector<secret_key>{k, k}};
  }));
}

CAF_TEST(keys parse from hex and every base64 spelling) {
  auto from_hex = secret_key::parse(key_hex);
  CAF_CHECK_EQUAL(from_hex.to_hex(), key_hex);
  CAF_CHECK_EQUAL(secret_key::parse(key_b64).to_hex(), key_hex);
  CAF_CHECK_EQUAL(secret_key::parse(key_b64url).to_hex(), key_hex);
  CAF_CHECK_EQUAL(
      secret_key::parse(std::string{"  "} + key_hex + "\n").to_hex(), key_hex);
  // The same key always has the same id.
  CAF_CHECK_EQUAL(secret_key::parse(key_b64).id(), from_hex.id());
  auto upper = std::string{key_hex};
  for (auto& c : upper)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CAF_CHECK_EQUAL(secret_key::parse(upper).to_hex(), key_hex);
}

CAF_TEST(bad key text is refused without echoing it) {
  std::vector<std::string> bad{
      "",
      "   ",
      std::string{key_hex}.substr(2),                     // 31 bytes
      std::string{key_hex} + "00",                        // 33 bytes
      std::string{key_hex}.substr(0, 62) + "zz",          // not hex
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==",     // 31 bytes b64
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==", // 34 bytes b64
      "correct horse battery staple"};
  for (auto& text : bad) {
    try {
      secret_key::parse(text);
      CAF_FAIL("accepted a bad key: length " << text.size());
    } catch (const std::invalid_argument& e) {
      std::string what = e.what();
      if (text.size() > 4) CAF_CHECK_EQUAL(what.find(text), std::string::npos);
    }
  }
}

CAF_TEST(generated keys differ and round trip through hex) {
  auto a = secret_key::generate();
  auto b = secret_key::generate();
  CAF_CHECK_NOT_EQUAL(a.to_hex(), b.to_hex());
  CAF_CHECK_EQUAL(a.to_hex().size(), 64u);
  auto again = secret_key::parse(a.to_hex());
  CAF_CHECK_EQUAL(again.id(), a.id());
  auto sealed = ring_of({a}).seal("x", "c");
  CAF_CHECK_EQUAL(ring_of({again}).open(sealed, "c"), "x");
}
