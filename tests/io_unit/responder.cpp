#define CAF_SUITE io.responder
#include "io/http/responder.hpp"

#include <atomic>
#include <thread>
#include <vector>

#include "caf/test/unit_test.hpp"

using namespace switchboard::http;

CAF_TEST(only the first call on any copy delivers) {
  std::vector<int> delivered;
  responder first{[&](response r) {
    delivered.push_back(r.status);
  }};
  auto copy = first;
  CAF_CHECK(!copy.answered());
  CAF_CHECK(copy(text(201, "a")));
  CAF_CHECK(!first(text(503, "b")));
  CAF_CHECK(!copy(text(500, "c")));
  CAF_CHECK(first.answered());
  CAF_REQUIRE_EQUAL(delivered.size(), 1u);
  CAF_CHECK_EQUAL(delivered[0], 201);
}

CAF_TEST(racing threads deliver exactly once) {
  for (int round = 0; round < 50; ++round) {
    std::atomic<int> deliveries{0};
    responder shared{[&](response) {
      ++deliveries;
    }};
    std::atomic<int> wins{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
      threads.emplace_back([shared, &wins, i] {
        if (shared(text(200 + i, "x"))) ++wins;
      });
    for (auto& t : threads)
      t.join();
    CAF_CHECK_EQUAL(deliveries.load(), 1);
    CAF_CHECK_EQUAL(wins.load(), 1);
  }
}

CAF_TEST(a default responder discards) {
  responder nobody;
  CAF_CHECK(nobody(text(200, "x")));
  CAF_CHECK(nobody.answered());
}
