#define CAF_SUITE config.describe
#include <toml++/toml.h>

#include "caf/test/unit_test.hpp"

#include "config/describe.hpp"
#include "config/secret_mask.hpp"

using namespace switchboard;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

CAF_TEST(describe prints every section as TOML) {
  config cfg;
  cfg.http.port = 9000;
  auto text = describe(cfg);
  CAF_CHECK(contains(text, "data_dir = \"./var\"\n"));
  CAF_CHECK(contains(text, "\n[http]\n"));
  CAF_CHECK(contains(text, "\nport = 9000\n"));
  CAF_CHECK(contains(text, "\nbackoff_factor = 2.0\n"));
  CAF_MESSAGE("the text parses back as TOML with the same values");
  auto parsed = toml::parse(text);
  CAF_CHECK_EQUAL(parsed["http"]["port"].value_or(0), 9000);
  CAF_CHECK_EQUAL(parsed["supervision"]["backoff_jitter"].value_or(""),
                  std::string{"none"});
}

CAF_TEST(describe masks secrets) {
  config cfg;
  cfg.http.admin_token = "s3cr3t-token";
  cfg.database.url = "postgresql://sb:hunter2@db.example:5432/sb";
  auto text = describe(cfg);
  CAF_CHECK(!contains(text, "s3cr3t-token"));
  CAF_CHECK(!contains(text, "hunter2"));
  CAF_CHECK(contains(text, "admin_token = \"***\""));
  CAF_CHECK(contains(text, "url = \"postgresql://sb:***@db.example:5432/sb\""));
}

CAF_TEST(an empty secret stays visibly empty) {
  auto text = describe(config{});
  CAF_CHECK(contains(text, "admin_token = \"\""));
  CAF_CHECK(contains(text, "url = \"\""));
}

CAF_TEST(mask_password covers URL and key value forms) {
  CAF_CHECK_EQUAL(mask_password("postgresql://u:p@h/db"),
                  "postgresql://u:***@h/db");
  CAF_CHECK_EQUAL(mask_password("postgres://u:p@ss@h:1/db?x=1"),
                  "postgres://u:***@h:1/db?x=1");
  CAF_CHECK_EQUAL(mask_password("postgresql://u@h/db"), "postgresql://u@h/db");
  CAF_CHECK_EQUAL(mask_password("postgresql://h:5432/db"),
                  "postgresql://h:5432/db");
  CAF_CHECK_EQUAL(mask_password("postgresql://h/db?user=u&password=p&x=1"),
                  "postgresql://h/db?user=u&password=***&x=1");
  CAF_CHECK_EQUAL(mask_password("host=h password=p dbname=d"),
                  "host=h password=*** dbname=d");
  CAF_CHECK_EQUAL(mask_password("host=h password = 'a b\\' c' dbname=d"),
                  "host=h password = *** dbname=d");
}
