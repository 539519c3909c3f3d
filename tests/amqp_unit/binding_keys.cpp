#define CAF_SUITE amqp.binding_keys
#include "io/amqp/binding_keys.hpp"

#include "caf/test/unit_test.hpp"

#include "io/amqp/endpoint.hpp"

using namespace switchboard::io::amqp;

using keys = std::vector<std::string>;

CAF_TEST(binding keys are split on commas and trimmed) {
  CAF_CHECK_EQUAL(split_binding_keys("media.*,notification.*, cleanup.* "),
                  (keys{"media.*", "notification.*", "cleanup.*"}));
  CAF_CHECK_EQUAL(split_binding_keys("#"), keys{"#"});
  CAF_CHECK_EQUAL(split_binding_keys(""), keys{});
  CAF_CHECK_EQUAL(split_binding_keys(" , a,,b ,"), (keys{"a", "b"}));
}

CAF_TEST(endpoints follow the AMQP URI rules) {
  auto full = parse_endpoint("amqp://u:p%40ss@mq.local:5673/jobs");
  CAF_REQUIRE(full.has_value());
  CAF_CHECK_EQUAL(full->host, "mq.local");
  CAF_CHECK_EQUAL(full->port, 5673);
  CAF_CHECK_EQUAL(full->user, "u");
  CAF_CHECK_EQUAL(full->password, "p@ss");
  CAF_CHECK_EQUAL(full->vhost, "jobs");
  auto seed = parse_endpoint("amqp://localhost:5672");
  CAF_REQUIRE(seed.has_value());
  CAF_CHECK_EQUAL(seed->vhost, "/");
  CAF_CHECK_EQUAL(seed->user, "guest");
  auto encoded = parse_endpoint("amqp://localhost/%2f");
  CAF_REQUIRE(encoded.has_value());
  CAF_CHECK_EQUAL(encoded->vhost, "/");
  CAF_CHECK(!parse_endpoint("http://localhost").has_value());
  CAF_CHECK_EQUAL(describe(*full).find("p@ss"), std::string::npos);
}
