#define CAF_SUITE polling_db.key_file
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>

#include "caf/test/unit_test.hpp"

#include "runtime/encryption_key.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/throws.hpp"

using namespace switchboard;
using switchboard::test::temp_dir;
using switchboard::test::throws;

namespace {

struct fixture {
  temp_dir dir{"keys", 0700};

  std::string path(const std::string& name) const {
    return dir.path() + "/" + name;
  }

  void write(const std::string& file, const std::string& text,
             unsigned mode = 0600) {
    std::ofstream{file} << text;
    ::chmod(file.c_str(), mode);
  }

  static unsigned mode_of(const std::string& file) {
    struct stat st {};
    ::stat(file.c_str(), &st);
    return st.st_mode & 07777;
  }

  // The message of the runtime_error `f` throws, or "" when none.
  template <class F>
  static std::string error_of(F f) {
    try {
      f();
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return {};
  }
};

constexpr const char* hex_key
    = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

} // namespace

CAF_TEST_FIXTURE_SCOPE(key_file_tests, fixture)

CAF_TEST(a key file is generated 0600 and reused) {
  auto data = path("var");
  auto first = resolve_encryption_keys("", "", data);
  CAF_CHECK(first.generated);
  CAF_CHECK_EQUAL(first.file, data + "/encryption_key");
  CAF_CHECK_EQUAL(mode_of(first.file), 0600u);
  auto sealed = first.ring->seal("token", "ctx");
  auto second = resolve_encryption_keys("", "", data);
  CAF_CHECK(!second.generated);
  CAF_CHECK_EQUAL(second.file, first.file);
  CAF_CHECK_EQUAL(second.ring->open(sealed, "ctx"), "token");
  CAF_CHECK_EQUAL(second.ring->current_key_id(), first.ring->current_key_id());
}

CAF_TEST(a configured key wins and is never echoed) {
  auto keys = resolve_encryption_keys(hex_key, path("unused"), path("var"));
  CAF_CHECK(!keys.generated);
  CAF_CHECK(keys.file.empty());
  CAF_CHECK(!std::filesystem::exists(path("unused")));
  auto bad = std::string{hex_key}.substr(0, 60);
  auto what = error_of([&] {
    resolve_encryption_keys(bad, "", path("var"));
  });
  CAF_CHECK(!what.empty());
  CAF_CHECK_EQUAL(what.find(bad), std::string::npos);
  CAF_CHECK_NOT_EQUAL(what.find("polling.encryption_key"), std::string::npos);
}

CAF_TEST(a key file path of its own is created with its directory) {
  auto file = path("etc/switchboard/key");
  auto keys = resolve_encryption_keys("", file, path("var"));
  CAF_CHECK(keys.generated);
  CAF_CHECK_EQUAL(keys.file, file);
  CAF_CHECK_EQUAL(mode_of(file), 0600u);
  CAF_CHECK(!std::filesystem::exists(path("var/encryption_key")));
}

CAF_TEST(a key file others can read is refused) {
  auto file = path("open_key");
  write(file, std::string{hex_key} + "\n", 0644);
  auto what = error_of([&] {
    resolve_encryption_keys("", file, "");
  });
  CAF_CHECK_NOT_EQUAL(what.find("chmod 600"), std::string::npos);
  CAF_CHECK_EQUAL(what.find(hex_key), std::string::npos);
}

CAF_TEST(empty or malformed key files are refused without echo) {
  auto empty = path("empty");
  write(empty, "# only a comment\n\n");
  CAF_CHECK_NOT_EQUAL(error_of([&] {
                        resolve_encryption_keys("", empty, "");
                      }).find("no key"),
                      std::string::npos);
  auto bad = path("bad");
  write(bad, std::string{hex_key} + "\nnot-a-key-at-all\n");
  auto what = error_of([&] {
    resolve_encryption_keys("", bad, "");
  });
  CAF_CHECK_NOT_EQUAL(what.find("line 2"), std::string::npos);
  CAF_CHECK_EQUAL(what.find("not-a-key"), std::string::npos);
  CAF_CHECK_EQUAL(what.find(hex_key), std::string::npos);
}

CAF_TEST(older keys in the file keep old values readable) {
  auto file = path("rotating");
  write(file, std::string{hex_key} + "\n");
  auto old_ring = resolve_encryption_keys("", file, "").ring;
  auto sealed = old_ring->seal("old token", "ctx");
  auto fresh = crypto::secret_key::generate();
  while (fresh.id() == old_ring->current_key_id())
    fresh = crypto::secret_key::generate();
  write(file, "# rotated\n" + fresh.to_hex() + "\n" + hex_key + "\n");
  auto rotated = resolve_encryption_keys("", file, "").ring;
  CAF_CHECK_EQUAL(rotated->size(), 2u);
  CAF_CHECK_EQUAL(rotated->current_key_id(), fresh.id());
  CAF_CHECK_EQUAL(rotated->open(sealed, "ctx"), "old token");
}

CAF_TEST_FIXTURE_SCOPE_END()
