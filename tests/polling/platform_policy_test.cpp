#define CAF_SUITE polling.platforms
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"

#include "actors/polling/platform_policy.hpp"

using namespace switchboard::polling;

CAF_TEST(twitter and linkedin are the polling platforms) {
  CAF_CHECK_EQUAL(polling_platforms(),
                  (std::vector<std::string>{"twitter", "linkedin"}));
  CAF_CHECK(needs_polling("twitter"));
  CAF_CHECK(needs_polling("linkedin"));
}

CAF_TEST(webhook platforms and unknown names are not polled) {
  for (auto p : {"telegram", "instagram", "whatsapp", "facebook", "teams"}) {
    CAF_CHECK(!needs_polling(p));
    CAF_CHECK(is_known_platform(p));
  }
  for (auto p : {"", "Twitter", "x", "myspace", "twitter "}) {
    CAF_CHECK(!needs_polling(p));
    CAF_CHECK(!is_known_platform(p));
  }
}

CAF_TEST(every polling platform is a known platform) {
  CAF_CHECK_EQUAL(known_platforms().size(), 7u);
  for (auto& p : polling_platforms())
    CAF_CHECK(is_known_platform(p));
}
