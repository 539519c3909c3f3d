#define CAF_SUITE config.example_file
#include <filesystem>
#include <toml++/toml.h>

#include "caf/test/unit_test.hpp"

#include "config/config_loader.hpp"
#include "config/key_table.hpp"
#include "config/key_value.hpp"

using namespace switchboard;

namespace {

std::string example_file() {
  return (std::filesystem::path{SB_SOURCE_DIR} / "config"
          / "switchboard.example.toml")
      .string();
}

// "http.port = 8080", so a failed check names the key.
std::string entry(const key_descriptor& key, const config& cfg) {
  return std::string{key.name} + " = " + render(read(key, cfg));
}

} // namespace

CAF_TEST(the example file loads to exactly the defaults) {
  auto loaded = load_config(example_file(), {});
  config defaults;
  for (const auto& key : key_table())
    CAF_CHECK_EQUAL(entry(key, loaded), entry(key, defaults));
}

CAF_TEST(the example file spells out every key) {
  auto document = toml::parse_file(example_file());
  std::string missing;
  for (const auto& key : key_table())
    if (!document.at_path(key.name).is_value())
      missing += std::string{key.name} + " ";
  CAF_CHECK_EQUAL(missing, "");
}
