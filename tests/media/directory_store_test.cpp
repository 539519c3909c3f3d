#define CAF_SUITE media.directory_store
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "caf/test/unit_test.hpp"

#include "io/media/directory_store.hpp"
#include "io/media/scratch_file.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/throws.hpp"

using namespace switchboard;
using namespace switchboard::io::media;
namespace fs = std::filesystem;

namespace {

struct fixture {
  test::temp_dir dir{"store", 0755};
  directory_store store{dir.path() + "/media"};

  size_t scratch_count() const {
    return static_cast<size_t>(
        std::distance(fs::directory_iterator{store.root() + "/.tmp"},
                      fs::directory_iterator{}));
  }
};

} // namespace

CAF_TEST_FIXTURE_SCOPE(directory_store_tests, fixture)

CAF_TEST(put get and remove by key) {
  store.put("a/b/c.bin", "hello");
  CAF_CHECK(store.exists("a/b/c.bin"));
  auto bytes = store.get("a/b/c.bin");
  CAF_REQUIRE(bytes);
  CAF_CHECK_EQUAL(*bytes, "hello");
  store.put("a/b/c.bin", "replaced");
  auto again = store.get("a/b/c.bin");
  CAF_REQUIRE(again);
  CAF_CHECK_EQUAL(*again, "replaced");
  CAF_CHECK(store.remove("a/b/c.bin"));
  CAF_CHECK(!store.remove("a/b/c.bin"));
  CAF_CHECK(!store.get("a/b/c.bin"));
  CAF_CHECK_EQUAL(scratch_count(), 0u);
}

CAF_TEST(keys cannot leave the store or reach its scratch directory) {
  CAF_CHECK_EQUAL(store.path_of("x/y.jpg"), store.root() + "/x/y.jpg");
  for (auto key : {"../escape", "/etc/passwd", ".tmp/x", "a//b", ""}) {
    CAF_MESSAGE("key: " << key);
    CAF_CHECK(test::throws<std::invalid_argument>([&] {
      store.path_of(key);
    }));
    CAF_CHECK(test::throws<std::invalid_argument>([&] {
      store.put(key, "x");
    }));
  }
}

CAF_TEST(a committed scratch file appears whole under its key) {
  scratch_file part{store.scratch_path(".mp4")};
  { std::ofstream{part.path()} << "video"; }
  CAF_CHECK_EQUAL(scratch_count(), 1u);
  CAF_CHECK(!store.exists("v/clip.mp4"));
  store.commit(part.path(), "v/clip.mp4");
  part.release();
  CAF_CHECK_EQUAL(scratch_count(), 0u);
  auto bytes = store.get("v/clip.mp4");
  CAF_REQUIRE(bytes);
  CAF_CHECK_EQUAL(*bytes, "video");
}

CAF_TEST(an abandoned scratch file is removed by its guard) {
  {
    scratch_file part{store.scratch_path(".jpg")};
    std::ofstream{part.path()} << "partial";
    CAF_CHECK_EQUAL(scratch_count(), 1u);
  }
  CAF_CHECK_EQUAL(scratch_count(), 0u);
}

CAF_TEST(list shows stored files only and stale scratch is found by age) {
  store.put("one.jpg", "1");
  store.put("d/two.jpg", "22");
  auto stray = store.scratch_path(".part");
  std::ofstream{stray} << "x";
  auto entries = store.list();
  std::vector<std::string> keys;
  for (const auto& e : entries)
    keys.push_back(e.key);
  std::sort(keys.begin(), keys.end());
  CAF_CHECK_EQUAL(keys, (std::vector<std::string>{"d/two.jpg", "one.jpg"}));
  auto future = std::chrono::system_clock::now() + std::chrono::hours{1};
  auto past = std::chrono::system_clock::now() - std::chrono::hours{1};
  CAF_CHECK_EQUAL(store.stale_scratch(future).size(), 1u);
  CAF_CHECK_EQUAL(store.stale_scratch(past).size(), 0u);
}

CAF_TEST_FIXTURE_SCOPE_END()
