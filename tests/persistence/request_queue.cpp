#define CAF_SUITE persistence.request_queue
#include "persistence/request_queue.hpp"

#include "caf/test/unit_test.hpp"

using namespace std::chrono_literals;
using switchboard::persistence::request_queue;

namespace {

using queue = request_queue<int>;
const queue::time_point t0{};

} // namespace

CAF_TEST(push_back refuses beyond the limit) {
  queue q{2};
  CAF_CHECK(q.push_back(1, t0));
  CAF_CHECK(q.push_back(2, t0));
  CAF_CHECK(q.full());
  CAF_CHECK(!q.push_back(3, t0));
  CAF_CHECK_EQUAL(q.size(), 2u);
}

CAF_TEST(push_front requeues at the head past the limit) {
  queue q{1};
  CAF_REQUIRE(q.push_back(1, t0 + 5ms));
  q.push_front(queue::entry{0, t0});
  CAF_CHECK_EQUAL(q.size(), 2u);
  auto head = q.pop_front();
  CAF_CHECK_EQUAL(head.value, 0);
  CAF_CHECK(head.enqueued == t0);
  CAF_CHECK_EQUAL(q.pop_front().value, 1);
  CAF_CHECK(q.empty());
}

CAF_TEST(take_expired removes exactly the entries past the deadline) {
  queue q{10};
  q.push_back(1, t0);
  q.push_back(2, t0 + 10ms);
  q.push_back(3, t0 + 20ms);
  q.push_front(queue::entry{0, t0 + 15ms});
  auto expired = q.take_expired(t0 + 110ms, 100ms);
  CAF_REQUIRE_EQUAL(expired.size(), 2u);
  CAF_CHECK_EQUAL(expired[0].value, 1);
  CAF_CHECK_EQUAL(expired[1].value, 2);
  CAF_REQUIRE_EQUAL(q.size(), 2u);
  CAF_CHECK_EQUAL(q.pop_front().value, 0);
  CAF_CHECK_EQUAL(q.pop_front().value, 3);
}

CAF_TEST(oldest finds the longest waiter even after a requeue) {
  queue q{10};
  CAF_CHECK(!q.oldest());
  q.push_back(1, t0 + 10ms);
  q.push_back(2, t0 + 20ms);
  q.push_front(queue::entry{0, t0 + 15ms});
  CAF_REQUIRE(q.oldest());
  CAF_CHECK(*q.oldest() == t0 + 10ms);
}

CAF_TEST(take_all empties the queue) {
  queue q{2};
  q.push_back(1, t0);
  q.push_back(2, t0);
  CAF_CHECK_EQUAL(q.size(), 2u);
  auto all = q.take_all();
  CAF_CHECK_EQUAL(all.size(), 2u);
  CAF_CHECK(q.empty());
}
