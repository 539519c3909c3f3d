#define CAF_SUITE supervision.settings
#include <chrono>

#include "caf/test/dsl.hpp"

#include "config/config.hpp"
#include "messages/error.hpp"
#include "runtime/supervision/settings.hpp"

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using switchboard::errc;
using switchboard::jitter_mode;
using switchboard::supervision_settings;

CAF_TEST(defaults give 1 s doubling to 30 s and 5 restarts per minute) {
  supervision_settings s;
  auto p = switchboard::backoff_from(s);
  CAF_REQUIRE(p);
  CAF_CHECK_EQUAL(delay(*p, 0, 0.0), milliseconds{1000});
  CAF_CHECK_EQUAL(delay(*p, 1, 0.0), milliseconds{2000});
  CAF_CHECK_EQUAL(delay(*p, 10, 0.0), milliseconds{30000});
  CAF_CHECK(p->jitter == jitter_mode::none);
  auto limit = switchboard::intensity_from(s);
  CAF_CHECK_EQUAL(limit.max_restarts, 5u);
  CAF_CHECK_EQUAL(limit.period, milliseconds{60000});
}

CAF_TEST(jitter strings map to modes) {
  supervision_settings s;
  s.backoff_jitter = "equal";
  CAF_CHECK(switchboard::backoff_from(s)->jitter == jitter_mode::equal);
  s.backoff_jitter = "full";
  CAF_CHECK(switchboard::backoff_from(s)->jitter == jitter_mode::full);
}

CAF_TEST(invalid settings are rejected with invalid_argument) {
  supervision_settings s;
  s.backoff_jitter = "sometimes";
  auto bad_jitter = switchboard::backoff_from(s);
  CAF_REQUIRE(!bad_jitter);
  CAF_CHECK(bad_jitter.error() == errc::invalid_argument);
  s = supervision_settings{};
  s.backoff_factor = 0.5;
  CAF_CHECK(!switchboard::backoff_from(s));
  s = supervision_settings{};
  s.backoff_cap_ms = 10;
  CAF_CHECK(!switchboard::backoff_from(s));
  CAF_CHECK(!switchboard::supervisor_options_from("x", s));
}

CAF_TEST(supervisor options carry the name and both policies) {
  supervision_settings s;
  s.backoff_base_ms = 250;
  s.max_restarts = 2;
  s.period_ms = 1000;
  auto opts = switchboard::supervisor_options_from("polling", s);
  CAF_REQUIRE(opts);
  CAF_CHECK_EQUAL(opts->name, "polling");
  CAF_CHECK_EQUAL(delay(opts->backoff, 0, 0.0), milliseconds{250});
  CAF_CHECK_EQUAL(opts->intensity.max_restarts, 2u);
  CAF_CHECK_EQUAL(opts->intensity.period, milliseconds{1000});
  CAF_CHECK(opts->metrics == nullptr);
}
