#define CAF_SUITE polling.messages
#include <string>
#include <vector>

#include "caf/test/unit_test.hpp"
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>
#include <caf/deep_to_string.hpp>

#include "messages/polling.hpp"

using namespace switchboard;

CAF_TEST(secrets never render) {
  polling_account acc;
  acc.account.id = "acc-1";
  acc.access_token.value = "tok-SECRET-123";
  auto text = caf::deep_to_string(acc);
  CAF_CHECK_EQUAL(text.find("tok-SECRET-123"), std::string::npos);
  CAF_CHECK_NOT_EQUAL(text.find("<redacted>"), std::string::npos);
  CAF_CHECK_NOT_EQUAL(text.find("acc-1"), std::string::npos);
  poll_result res;
  res.messages.push_back({"1", "c", "s", {"hello body"}, caf::none});
  CAF_CHECK_EQUAL(caf::deep_to_string(res).find("hello body"),
                  std::string::npos);
}

CAF_TEST(secrets survive serialization) {
  stored_message msg;
  msg.id = "7";
  msg.body.value = "the body";
  std::vector<char> buf;
  caf::binary_serializer sink{nullptr, buf};
  CAF_REQUIRE(!sink(msg));
  stored_message copy;
  caf::binary_deserializer source{nullptr, buf};
  CAF_REQUIRE(!source(copy));
  CAF_CHECK_EQUAL(copy.id, "7");
  CAF_CHECK_EQUAL(copy.body.value, "the body");
}
